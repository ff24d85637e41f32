package org.ketacare.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * Filters for reading the audit trail; {@code null} means "any".
 *
 * @param from earliest time, inclusive
 * @param to latest time, exclusive
 */
public record AuditQuery(String username, UUID patientId, String action, Instant from, Instant to, int page,
		int pageSize) {

	public AuditQuery {
		if (page < 0) {
			throw new IllegalArgumentException("page must not be negative");
		}
		if (pageSize < 1 || pageSize > 500) {
			throw new IllegalArgumentException("page size must be 1 to 500");
		}
	}

}
