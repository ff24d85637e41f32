package org.ketacare.course;

/**
 * The rule that keeps a session from being scheduled, in the order the proposer checks
 * them: the first whose addition makes a course impossible is the one named.
 */
public enum BlockingConstraint {

	/** The sessions do not fit the window with the minimum interval and one a day. */
	WINDOW_TOO_SHORT("The window is too short for the sessions with the minimum interval between them"),
	/** No room is open for a whole visit on the days available. */
	CLINIC_CLOSED("No room is open long enough for a whole visit"),
	/** The patient's stated availability (or their other visits) leave no time. */
	PATIENT_AVAILABILITY("The patient is not available"),
	/** No physician works for the whole visit. */
	PHYSICIAN_ABSENT("No physician is on site for the whole visit"),
	/** Every room that is open is booked. */
	ROOM_CAPACITY("Every open room is booked"),
	/** The nurses on duty already watch as many patients as they may. */
	NURSE_CAPACITY("The nurses on duty already watch as many patients as they may");

	private final String description;

	BlockingConstraint(String description) {
		this.description = description;
	}

	public String description() {
		return this.description;
	}

}
