package org.ketacare.screening;

/**
 * One reason of a decision.
 *
 * @param code a stable code, such as {@code PREGNANT}
 * @param kind what it does to the decision
 * @param message a sentence a person understands
 * @param evidence the answers it rests on
 */
public record Reason(String code, Kind kind, String message, String evidence) {

	/** What a reason does to the decision. */
	public enum Kind {

		/** Rules treatment out: the result is INELIGIBLE. */
		CONTRAINDICATION,
		/** A condition for treatment is not met: INELIGIBLE. */
		NOT_MET,
		/** Needs a physician's judgement: at least NEEDS_REVIEW. */
		CAUTION,
		/** Information the decision needs is missing: at least NEEDS_REVIEW. */
		MISSING,
		/** A condition for treatment is met. */
		MET,
		/** Worth knowing; does not change the result. */
		NOTE;

		boolean excludes() {
			return this == CONTRAINDICATION || this == NOT_MET;
		}

		boolean needsReview() {
			return this == CAUTION || this == MISSING;
		}

	}

}
