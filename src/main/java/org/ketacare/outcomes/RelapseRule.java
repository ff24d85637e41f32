package org.ketacare.outcomes;

/**
 * When a responder counts as relapsed: after a response, this many scores in a row each
 * fall short of this reduction from baseline. Both numbers are clinic settings.
 *
 * @param reductionBelowPercent a score whose reduction from baseline is below this share
 * counts toward a relapse
 * @param consecutiveScores how many such scores in a row make a relapse
 */
public record RelapseRule(int reductionBelowPercent, int consecutiveScores) {

	public RelapseRule {
		if (reductionBelowPercent < 1 || reductionBelowPercent > 100 || consecutiveScores < 1) {
			throw new IllegalArgumentException("a relapse rule needs a share of 1–100 % and at least one score");
		}
	}

}
