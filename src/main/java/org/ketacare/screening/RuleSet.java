package org.ketacare.screening;

/**
 * The eligibility rules a decision is made under: the version of the rules in code and
 * the clinic's numbers for them (clinic settings). Both are stored with each decision, so
 * that an old decision can be explained after the rules or numbers change.
 *
 * @param minimumAdequateTrials failed adequate antidepressant trials that make depression
 * treatment-resistant
 * @param minimumTrialWeeks weeks at a therapeutic dose that make a trial adequate
 * @param maxSystolicMmHg highest systolic pressure that counts as controlled
 * @param maxDiastolicMmHg highest diastolic pressure that counts as controlled
 * @param minimumAgeYears youngest age treated
 * @param reviewAboveAgeYears above this age a physician reviews the case
 */
record RuleSet(int minimumAdequateTrials, int minimumTrialWeeks, int maxSystolicMmHg, int maxDiastolicMmHg,
		int minimumAgeYears, int reviewAboveAgeYears) {

	static final String ID = "ketacare-eligibility";

	/** Raised whenever the rules in {@link EligibilityRules} change meaning. */
	static final int VERSION = 1;

	static String versionText() {
		return ID + "/" + VERSION;
	}

	/** The numbers in force, as stored with the decision. */
	String parameters() {
		return "minimum-adequate-trials=" + this.minimumAdequateTrials + "; minimum-trial-weeks="
				+ this.minimumTrialWeeks + "; max-blood-pressure=" + this.maxSystolicMmHg + "/" + this.maxDiastolicMmHg
				+ " mmHg; minimum-age=" + this.minimumAgeYears + "; review-above-age=" + this.reviewAboveAgeYears;
	}

}
