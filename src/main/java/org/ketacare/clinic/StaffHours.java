package org.ketacare.clinic;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.ketacare.platform.Role;

/**
 * When an active staff member works, with the roles that say what they can cover on the
 * schedule (a nurse watches infusions, a physician must be on site).
 *
 * @param hours at most one period per weekday, in the clinic's local time
 */
public record StaffHours(UUID staffId, String displayName, Set<Role> roles, List<WeeklyHours> hours) {

	public StaffHours {
		roles = Set.copyOf(roles);
		hours = List.copyOf(hours);
	}

	public boolean hasRole(Role role) {
		return this.roles.contains(role);
	}

}
