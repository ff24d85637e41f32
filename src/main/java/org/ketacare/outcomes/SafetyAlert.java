package org.ketacare.outcomes;

import java.time.Instant;
import java.util.UUID;

/**
 * An urgent alert for the clinic's physicians, raised by a response.
 *
 * @param patientName the patient's name, for the physician to act on
 * @param escalated not acknowledged within the clinic's escalation time
 * @param acknowledgedByName who acknowledged it, or {@code null} while open
 * @param actionTaken what they did, or {@code null} while open
 */
public record SafetyAlert(UUID id, UUID patientId, String patientName, String mrn, UUID responseId, String instrument,
		String flag, String message, Instant raisedAt, boolean escalated, String acknowledgedByName,
		Instant acknowledgedAt, String actionTaken) {

	public boolean isOpen() {
		return this.acknowledgedAt == null;
	}

}
