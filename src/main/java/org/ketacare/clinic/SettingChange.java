package org.ketacare.clinic;

import java.time.Instant;
import java.util.UUID;

/**
 * One proposed or decided change of a clinic setting. Changes are never edited or
 * removed: together they are the setting's history.
 */
public record SettingChange(UUID id, UUID clinicId, String key, String value, String reason, UUID proposedBy,
		String proposedByName, Instant proposedAt, Status status, String decidedByName, Instant decidedAt,
		String decisionMeaning, Instant effectiveFrom) {

	public enum Status {

		PENDING, IN_FORCE, REJECTED

	}

}
