package org.ketacare.outcomes;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What measurement-based care needs to know of courses and follow-up visits, implemented
 * by the course module (which already depends on this module, so this module cannot
 * depend on it).
 */
public interface FollowUpVisits {

	/**
	 * The clinic's follow-up visits, not cancelled, starting in [from, to), in time
	 * order.
	 */
	List<Visit> between(UUID clinicId, Instant from, Instant to);

	/** The patients who have had a course on this protocol. */
	Set<UUID> patientsOnProtocol(UUID clinicId, String protocolCode);

	/** The protocols of the clinic's courses, by code. */
	List<String> protocolCodes(UUID clinicId);

	/** Sends a message about the visit to its patient, the way visit reminders go. */
	void send(Visit visit, String subject, String body);

	/**
	 * A follow-up visit of a course.
	 *
	 * @param status the appointment's status ({@code BOOKED}, {@code ATTENDED},
	 * {@code NO_SHOW})
	 * @param courseCreatedAt when the course was planned
	 * @param bookedBy the staff member who booked it
	 */
	record Visit(UUID appointmentId, UUID clinicId, UUID patientId, UUID courseId, String protocolCode,
			Instant courseCreatedAt, Instant start, String status, UUID bookedBy) {
	}

}
