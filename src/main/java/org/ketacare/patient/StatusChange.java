package org.ketacare.patient;

import java.time.Instant;

/**
 * One change of a patient's status.
 *
 * @param from the status before, {@code null} for the first one
 */
public record StatusChange(PatientStatus from, PatientStatus to, String reason, String changedByName,
		Instant changedAt) {
}
