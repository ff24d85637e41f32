package org.ketacare.course;

import java.time.Instant;
import java.util.UUID;

/**
 * A visit already in the calendar, as the scheduling rules see it.
 *
 * @param roomId the room it occupies
 * @param start when the patient sits down
 * @param end when the room is free again
 * @param infusion whether a nurse watches it (infusions) or not (follow-up visits)
 * @param patientId whose visit it is
 */
public record Booking(UUID roomId, Instant start, Instant end, boolean infusion, UUID patientId) {

	public Booking {
		if (!end.isAfter(start)) {
			throw new IllegalArgumentException("a booking ends after it starts");
		}
	}

	public boolean overlaps(Instant from, Instant to) {
		return this.start.isBefore(to) && from.isBefore(this.end);
	}

}
