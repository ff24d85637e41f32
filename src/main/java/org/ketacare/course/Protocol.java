package org.ketacare.course;

import java.util.List;

/**
 * A treatment protocol as data: consecutive phases of sessions (such as six infusions in
 * 21 days), what follows them, the length of a visit and the follow-up visit. A clinic's
 * own protocols are rows; the standard IV ketamine protocol is read from the clinic's
 * settings so that a physician-signed change of those numbers applies to it.
 *
 * @param code the stable name the API uses, such as {@code iv-ketamine-standard}
 * @param phases the scheduled phases, in order; each starts when the previous window ends
 * @param maintenance what follows the phases
 * @param infusionMinutes how long the treatment itself takes
 * @param observationMinutes how long the patient stays in the chair afterwards
 * @param followUpDays days from the last session of the first phase to the follow-up
 * visit; 0 for none
 */
public record Protocol(String code, String name, List<Phase> phases, Maintenance maintenance, int infusionMinutes,
		int observationMinutes, int followUpDays) {

	/** The code of the standard protocol every clinic has. */
	public static final String STANDARD = "iv-ketamine-standard";

	public Protocol {
		if (code == null || !code.matches("[a-z0-9][a-z0-9-]{1,39}")) {
			throw new IllegalArgumentException("code must be 2–40 lowercase letters, digits or hyphens");
		}
		if (name == null || name.isBlank() || name.length() > 120) {
			throw new IllegalArgumentException("name must be 1–120 characters");
		}
		if (phases == null || phases.isEmpty() || phases.size() > 6) {
			throw new IllegalArgumentException("phases: give 1 to 6 phases");
		}
		phases = List.copyOf(phases);
		if (maintenance == null) {
			throw new IllegalArgumentException("maintenance is required");
		}
		if (infusionMinutes < 1 || infusionMinutes > 600) {
			throw new IllegalArgumentException("infusion minutes must be 1 to 600");
		}
		if (observationMinutes < 0 || observationMinutes > 600) {
			throw new IllegalArgumentException("observation minutes must be 0 to 600");
		}
		if (followUpDays < 0 || followUpDays > 365) {
			throw new IllegalArgumentException("follow-up days must be 0 to 365");
		}
	}

	/** A patient's time in the chair: treatment and observation. */
	public int visitMinutes() {
		return this.infusionMinutes + this.observationMinutes;
	}

	public Phase firstPhase() {
		return this.phases.get(0);
	}

	public int scheduledSessions() {
		return this.phases.stream().mapToInt(Phase::sessions).sum();
	}

	/** Days from the course's start to the end of the last phase's window. */
	public int scheduledDays() {
		return this.phases.stream().mapToInt(Phase::windowDays).sum();
	}

	/**
	 * A run of sessions within a window of days.
	 *
	 * @param name such as {@code induction}
	 * @param sessions how many sessions
	 * @param windowDays the days within which they all fall, counted from the phase's
	 * first day
	 * @param minimumIntervalHours the least time from one session's start to the next's
	 * @param preferredPerWeek the rhythm to aim for when there is room; the minimum
	 * interval and the window always win
	 */
	public record Phase(String name, int sessions, int windowDays, int minimumIntervalHours, int preferredPerWeek) {

		public Phase {
			if (name == null || !name.matches("[a-z][a-z0-9 -]{0,39}")) {
				throw new IllegalArgumentException("phase name must be 1–40 lowercase letters, digits or spaces");
			}
			if (sessions < 1 || sessions > 60) {
				throw new IllegalArgumentException("sessions must be 1 to 60");
			}
			if (windowDays < 1 || windowDays > 365) {
				throw new IllegalArgumentException("window must be 1 to 365 days");
			}
			if (minimumIntervalHours < 1 || minimumIntervalHours > 2000) {
				throw new IllegalArgumentException("minimum interval must be 1 to 2000 hours");
			}
			if (preferredPerWeek < 1 || preferredPerWeek > 7) {
				throw new IllegalArgumentException("preferred sessions a week must be 1 to 7");
			}
		}

	}

	/**
	 * What follows the scheduled phases: boosters as needed (no interval), or regular
	 * sessions every {@code minimumIntervalDays} to {@code maximumIntervalDays}, such as
	 * esketamine's weekly or two-weekly maintenance.
	 */
	public record Maintenance(Integer minimumIntervalDays, Integer maximumIntervalDays) {

		public Maintenance {
			if ((minimumIntervalDays == null) != (maximumIntervalDays == null)) {
				throw new IllegalArgumentException(
						"give both maintenance intervals, or neither for boosters as needed");
			}
			if (minimumIntervalDays != null && (minimumIntervalDays < 1 || maximumIntervalDays < minimumIntervalDays
					|| maximumIntervalDays > 180)) {
				throw new IllegalArgumentException("maintenance intervals must be 1 to 180 days, shortest first");
			}
		}

		public static Maintenance asNeeded() {
			return new Maintenance(null, null);
		}

		public boolean isAsNeeded() {
			return this.minimumIntervalDays == null;
		}

	}

}
