package org.ketacare.therapy;

/** Why a therapy session was held. */
public enum SessionKind {

	/** Before the first infusion of a course: expectations, intentions, safety. */
	PREPARATION("Preparation"),
	/** After an infusion: making sense of the experience. */
	INTEGRATION("Integration"),
	/** Any other psychotherapy session. */
	PSYCHOTHERAPY("Psychotherapy");

	private final String label;

	SessionKind(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
