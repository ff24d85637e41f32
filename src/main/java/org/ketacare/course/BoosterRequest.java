package org.ketacare.course;

import java.time.Instant;
import java.util.UUID;

/**
 * A booster suggested for a patient, and what a physician decided.
 *
 * @param source who or what suggested it, such as {@code outcomes: relapse rule} or a
 * staff member's name
 * @param decidedByName the physician who signed the decision, or {@code null}
 * @param appointmentId the booked session, or {@code null}
 */
public record BoosterRequest(UUID id, UUID courseId, UUID patientId, String reason, String source, Instant suggestedAt,
		Status status, String decidedByName, Instant decidedAt, UUID appointmentId) {

	/** Where the request stands. */
	public enum Status {

		SUGGESTED, CONFIRMED, DECLINED, BOOKED

	}

}
