package org.ketacare.therapy;

/** What staff send to record therapy sessions; checked by {@link TherapySessions}. */
public final class TherapyCommands {

	private TherapyCommands() {
	}

	/**
	 * A session to record and sign.
	 *
	 * @param kind {@code PREPARATION}, {@code INTEGRATION} or {@code PSYCHOTHERAPY}
	 * @param heldAt when it began, as a local date and time in the clinic's zone
	 * ({@code 2026-11-27T14:00})
	 * @param password the therapist's password, which signs the note
	 */
	public record NewSession(String kind, String heldAt, Integer minutes, String note, String password) {
	}

	public record NewAddendum(String text, String reason) {
	}

}
