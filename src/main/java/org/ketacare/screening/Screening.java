package org.ketacare.screening;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A recorded screening with its decision as it was made, and the physician's review if
 * there is one.
 *
 * @param supersededBy the newer screening of the patient that replaced this one, if any
 */
public record Screening(UUID id, UUID patientId, Instant screenedAt, String screenedByName, int ageYears,
		ScreeningFacts facts, String notes, Outcome outcome, List<Reason> reasons, MaudsleyScore maudsley,
		String ruleSetId, int rulesVersion, String ruleParameters, UUID supersedes, UUID supersededBy,
		Optional<Review> review) {

	public String rulesVersionText() {
		return this.ruleSetId + "/" + this.rulesVersion;
	}

	public boolean isCurrent() {
		return this.supersededBy == null;
	}

	public boolean awaitsReview() {
		return isCurrent() && this.review.isEmpty();
	}

	/**
	 * A physician's signed decision on a screening.
	 *
	 * @param againstResult an approval of a screening the rules found INELIGIBLE
	 */
	public record Review(UUID id, ReviewDecision decision, Outcome reviewedOutcome, String justification,
			String signerName, Instant signedAt, String meaning) {

		public boolean againstResult() {
			return this.decision == ReviewDecision.APPROVED && this.reviewedOutcome == Outcome.INELIGIBLE;
		}

	}

	/** What a physician decides. */
	public enum ReviewDecision {

		APPROVED, DECLINED

	}

}
