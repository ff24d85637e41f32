package org.ketacare.course;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A coordinator's request to start a course.
 *
 * @param protocol the protocol's code
 * @param startDate the first day a session may fall on
 * @param availability when the patient can come
 * @param visits the proposal as the coordinator adjusted it, in the proposal's order;
 * empty to book the proposal as it is
 */
public record StartCourse(String protocol, LocalDate startDate, PatientAvailability availability,
		List<AdjustedVisit> visits) {

	public StartCourse {
		availability = (availability != null) ? availability : PatientAvailability.anyTime();
		visits = (visits != null) ? List.copyOf(visits) : List.of();
	}

	/** One visit of the proposal with the start and room the coordinator chose. */
	public record AdjustedVisit(OffsetDateTime start, UUID roomId) {
	}

}
