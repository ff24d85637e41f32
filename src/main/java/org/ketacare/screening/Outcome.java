package org.ketacare.screening;

/**
 * The result of the eligibility rules for one screening.
 */
public enum Outcome {

	/** Every condition met, nothing against: a physician still signs. */
	ELIGIBLE,
	/** A caution or missing information: a physician decides. */
	NEEDS_REVIEW,
	/** A contraindication or an unmet condition. */
	INELIGIBLE

}
