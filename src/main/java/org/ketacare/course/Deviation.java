package org.ketacare.course;

import java.util.UUID;

/**
 * Something in a course that departs from its protocol, shown rather than hidden.
 *
 * @param appointmentId the appointment concerned, or {@code null} for the course as a
 * whole
 */
public record Deviation(Kind kind, UUID appointmentId, String message) {

	/** The kinds of departure. */
	public enum Kind {

		/** A phase's sessions run, or are booked, past its window. */
		PAST_WINDOW,
		/** Two infusions are closer than the minimum interval. */
		INTERVAL_BELOW_MINIMUM,
		/** The patient did not come, or the visit was never recorded. */
		MISSED_SESSION,
		/** Fewer sessions are booked than the phase needs. */
		SESSIONS_MISSING

	}

}
