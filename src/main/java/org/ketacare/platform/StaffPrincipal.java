package org.ketacare.platform;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The signed-in staff member: who they are, which clinic they act in and their roles.
 * Every query for clinic data is scoped by {@link #clinicId()}. The clinic's name and
 * zone are those at sign-in.
 */
public record StaffPrincipal(UUID staffId, UUID clinicId, String clinicSlug, String clinicName, ZoneId clinicZone,
		String username, String displayName, Set<Role> roles) implements AuthenticatedPrincipal, Serializable {

	public StaffPrincipal {
		roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
	}

	/**
	 * The sign-in name, under which sessions are indexed so that deactivation can end
	 * them.
	 */
	@Override
	public String getName() {
		return this.username;
	}

	public boolean hasRole(Role role) {
		return this.roles.contains(role);
	}

	public Collection<GrantedAuthority> authorities() {
		return this.roles.stream()
			.<GrantedAuthority>map((role) -> new SimpleGrantedAuthority(role.authority()))
			.toList();
	}

	/** Roles as stored in the audit trail, in a stable order. */
	public String rolesText() {
		return String.join(",", this.roles.stream().sorted().map(Role::name).toList());
	}

}
