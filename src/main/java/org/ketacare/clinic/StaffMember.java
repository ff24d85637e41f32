package org.ketacare.clinic;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.ketacare.platform.Role;

/**
 * A member of a clinic's staff as the clinic administrator sees them.
 *
 * @param version for detecting concurrent edits; an edit names the version it was based
 * on
 */
public record StaffMember(UUID id, UUID clinicId, String username, String displayName, Set<Role> roles, boolean active,
		Instant lockedUntil, Instant createdAt, int version) {

	public boolean lockedAt(Instant now) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(now);
	}

}
