package org.ketacare.audit;

import java.time.Instant;
import java.util.UUID;

import org.ketacare.platform.AuditOutcome;

/**
 * One row of the audit trail as stored, with its place in the clinic's hash chain.
 */
public record AuditEvent(UUID clinicId, long seq, Instant occurredAt, UUID actorId, String actorUsername,
		String actorRoles, String action, String targetType, String targetId, UUID patientId, String sourceAddress,
		AuditOutcome outcome, String details, String prevHash, String hash) {
}
