package org.ketacare.course;

/** What a visit is for; the API writes it in lowercase. */
public enum VisitKind {

	/** An infusion session in a chair, watched by a nurse with a physician on site. */
	INFUSION("infusion"),
	/** The follow-up visit after the induction infusions, with a physician. */
	FOLLOW_UP("follow_up");

	private final String code;

	VisitKind(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

}
