package org.ketacare.screening;

import java.util.ArrayList;
import java.util.List;

import org.ketacare.screening.Answers.BrainStimulation;
import org.ketacare.screening.Answers.FunctionalImpairment;
import org.ketacare.screening.Answers.HeartDisease;
import org.ketacare.screening.Reason.Kind;

/**
 * The eligibility rules: a pure function from a screening's answers and a rule set to a
 * decision with every reason. Any contraindication or unmet condition makes it
 * {@code INELIGIBLE}; otherwise any caution or missing answer makes it
 * {@code NEEDS_REVIEW}; otherwise {@code ELIGIBLE}. The contraindications follow the
 * clinical reference §1.5, treatment resistance and the Maudsley score §4.
 */
final class EligibilityRules {

	private EligibilityRules() {
	}

	static Decision decide(ScreeningFacts facts, RuleSet rules) {
		List<Reason> reasons = new ArrayList<>();
		age(facts, rules, reasons);
		contraindication(reasons, facts.pregnant(), "PREGNANT", "Currently pregnant: ketamine may harm the fetus.",
				"PREGNANCY_UNKNOWN", "Whether the patient is pregnant is not known.");
		bloodPressure(facts, rules, reasons);
		heartDisease(facts, reasons);
		contraindication(reasons, facts.previousKetamineReaction(), "PREVIOUS_KETAMINE_REACTION",
				"A previous bad reaction to ketamine" + detail(facts.previousKetamineReactionDetails()) + ".",
				"PREVIOUS_KETAMINE_REACTION_UNKNOWN", "Whether ketamine caused a bad reaction before is not known.");
		contraindication(reasons, facts.psychosisHistory(), "PSYCHOSIS_HISTORY",
				"A history of psychosis: ketamine can bring psychotic symptoms back.", "PSYCHOSIS_HISTORY_UNKNOWN",
				"Whether the patient has had psychosis is not known.");
		contraindication(reasons, facts.intracranialPressure(), "RAISED_INTRACRANIAL_PRESSURE",
				"Raised intracranial pressure: ketamine can raise it further.", "INTRACRANIAL_PRESSURE_UNKNOWN",
				"Whether intracranial pressure is raised is not known.");
		caution(reasons, facts.breastfeeding(), "BREASTFEEDING", "Breastfeeding: ketamine passes into breast milk.",
				"breastfeeding");
		caution(reasons, facts.substanceUseDisorder(), "SUBSTANCE_USE_DISORDER",
				"A substance or alcohol use disorder in the past 3 months.", "substance use disorder");
		caution(reasons, facts.severeLiverDisease(), "SEVERE_LIVER_DISEASE",
				"Severe liver disease: ketamine is cleared by the liver.", "severe liver disease");
		caution(reasons, facts.uncontrolledHyperthyroidism(), "UNCONTROLLED_HYPERTHYROIDISM",
				"Uncontrolled hyperthyroidism: ketamine's effect on heart rate and blood pressure adds to it.",
				"uncontrolled hyperthyroidism");
		caution(reasons, facts.raisedIntraocularPressure(), "RAISED_INTRAOCULAR_PRESSURE",
				"Raised intraocular pressure (such as glaucoma): ketamine can raise it.",
				"raised intraocular pressure");
		caution(reasons, facts.aneurysmalVascularDisease(), "ANEURYSMAL_VASCULAR_DISEASE",
				"Aneurysmal vascular disease or arteriovenous malformation: a rise in blood pressure is a hazard.",
				"aneurysmal vascular disease");
		caution(reasons, facts.seizureDisorder(), "SEIZURE_DISORDER", "A seizure disorder.", "seizure disorder");
		int failedAdequateTrials = treatmentResistance(facts, rules, reasons);
		treatmentsTried(facts, reasons);
		functionalImpairment(facts, reasons);
		MaudsleyScore maudsley = maudsley(facts, rules.minimumTrialWeeks(), failedAdequateTrials);
		reasons.add(new Reason(maudsley.isComplete() ? "MAUDSLEY_SCORE" : "MAUDSLEY_SCORE_INCOMPLETE", Kind.NOTE,
				"Maudsley Staging Method score: " + maudsley.describe() + ".",
				"failed adequate trials " + failedAdequateTrials + ", augmentation " + yesNo(facts.augmentationTried())
						+ ", ECT "
						+ ((facts.brainStimulation() != null)
								? yesNo(facts.brainStimulation().contains(BrainStimulation.ECT)) : "unknown")
						+ ", episode "
						+ ((facts.episodeMonths() != null) ? facts.episodeMonths() + " months" : "unknown") + ", PHQ-9 "
						+ ((facts.baselinePhq9() != null) ? facts.baselinePhq9() : "unknown")));
		return new Decision(outcomeOf(reasons), List.copyOf(reasons), maudsley, RuleSet.versionText(),
				rules.parameters());
	}

	static Outcome outcomeOf(List<Reason> reasons) {
		if (reasons.stream().anyMatch((reason) -> reason.kind().excludes())) {
			return Outcome.INELIGIBLE;
		}
		if (reasons.stream().anyMatch((reason) -> reason.kind().needsReview())) {
			return Outcome.NEEDS_REVIEW;
		}
		return Outcome.ELIGIBLE;
	}

	private static void age(ScreeningFacts facts, RuleSet rules, List<Reason> reasons) {
		String evidence = "age " + facts.ageYears();
		if (facts.ageYears() < rules.minimumAgeYears()) {
			reasons.add(new Reason("UNDER_MINIMUM_AGE", Kind.NOT_MET,
					"Younger than " + rules.minimumAgeYears() + ": the clinic treats adults only.", evidence));
		}
		else if (facts.ageYears() > rules.reviewAboveAgeYears()) {
			reasons.add(
					new Reason("ABOVE_AGE_BAND", Kind.CAUTION,
							"Older than " + rules.reviewAboveAgeYears()
									+ ": outside the age band of the studies; a physician weighs the risks.",
							evidence));
		}
	}

	private static void contraindication(List<Reason> reasons, Boolean answer, String code, String message,
			String missingCode, String missingMessage) {
		if (answer == null) {
			reasons.add(new Reason(missingCode, Kind.MISSING, missingMessage, "not answered"));
		}
		else if (answer) {
			reasons.add(new Reason(code, Kind.CONTRAINDICATION, message, "answered yes"));
		}
	}

	private static void caution(List<Reason> reasons, Boolean answer, String code, String message, String condition) {
		if (answer == null) {
			reasons.add(new Reason(code + "_UNKNOWN", Kind.MISSING,
					"Whether the patient has " + condition + " is not known.", "not answered"));
		}
		else if (answer) {
			reasons.add(new Reason(code, Kind.CAUTION, message + " A physician weighs the risks.", "answered yes"));
		}
	}

	private static void bloodPressure(ScreeningFacts facts, RuleSet rules, List<Reason> reasons) {
		BloodPressure reading = facts.bloodPressure();
		if (reading == null) {
			reasons.add(new Reason("BLOOD_PRESSURE_UNKNOWN", Kind.MISSING, "No blood pressure reading was recorded.",
					"not answered"));
			return;
		}
		String evidence = reading + " (controlled up to " + rules.maxSystolicMmHg() + "/" + rules.maxDiastolicMmHg()
				+ " mmHg), on blood pressure treatment: " + yesNo(facts.onBloodPressureTreatment());
		if (reading.systolic() > rules.maxSystolicMmHg() || reading.diastolic() > rules.maxDiastolicMmHg()) {
			reasons.add(new Reason("UNCONTROLLED_BLOOD_PRESSURE", Kind.CONTRAINDICATION,
					"Blood pressure above " + rules.maxSystolicMmHg() + "/" + rules.maxDiastolicMmHg()
							+ " mmHg: ketamine raises blood pressure further.",
					evidence));
		}
		else {
			reasons.add(new Reason("BLOOD_PRESSURE_CONTROLLED", Kind.MET, "Blood pressure is controlled.", evidence));
		}
	}

	private static void heartDisease(ScreeningFacts facts, List<Reason> reasons) {
		HeartDisease heart = facts.heartDisease();
		String evidence = Answers.code((heart != null) ? heart : HeartDisease.NONE)
				+ detail(facts.heartDiseaseDetails());
		if (heart == null) {
			reasons.add(new Reason("HEART_DISEASE_UNKNOWN", Kind.MISSING,
					"Whether the patient has heart disease is not known.", "not answered"));
		}
		else if (heart == HeartDisease.UNSTABLE) {
			reasons.add(new Reason("UNSTABLE_HEART_DISEASE", Kind.CONTRAINDICATION,
					"Unstable heart disease or a recent cardiac event: ketamine strains the heart.", evidence));
		}
		else if (heart == HeartDisease.STABLE) {
			reasons.add(new Reason("STABLE_HEART_DISEASE", Kind.CAUTION,
					"Stable heart disease: a physician weighs the cardiac risk.", evidence));
		}
	}

	/** Adds the treatment-resistance reasons and returns the failed adequate trials. */
	private static int treatmentResistance(ScreeningFacts facts, RuleSet rules, List<Reason> reasons) {
		List<AntidepressantTrial> trials = facts.antidepressantTrials();
		if (trials == null) {
			reasons.add(new Reason("ANTIDEPRESSANT_TRIALS_UNKNOWN", Kind.MISSING,
					"The antidepressants tried in this episode are not known.", "not answered"));
			return 0;
		}
		List<String> adequate = new ArrayList<>();
		List<String> notCounted = new ArrayList<>();
		int unknown = 0;
		for (int i = 0; i < trials.size(); i++) {
			AntidepressantTrial trial = trials.get(i);
			List<String> missing = trial.missingParts();
			if (trial.cannotCountAsFailure(rules.minimumTrialWeeks())) {
				notCounted.add(trial.describe());
			}
			else if (!missing.isEmpty()) {
				unknown++;
				reasons.add(new Reason(
						"TRIAL_INCOMPLETE", Kind.MISSING, "Antidepressant trial " + (i + 1) + " lacks "
								+ String.join(", ", missing) + ", so whether it was an adequate trial is not known.",
						trial.describe()));
			}
			else {
				adequate.add(trial.describe());
			}
		}
		String evidence = "adequate failed trials: " + (adequate.isEmpty() ? "none" : String.join("; ", adequate))
				+ (notCounted.isEmpty() ? "" : " | not counted: " + String.join("; ", notCounted));
		String rule = rules.minimumAdequateTrials() + " antidepressants that failed at a therapeutic dose for at least "
				+ rules.minimumTrialWeeks() + " weeks";
		if (adequate.size() >= rules.minimumAdequateTrials()) {
			reasons.add(new Reason("TREATMENT_RESISTANT", Kind.MET, "Treatment-resistant: " + adequate.size()
					+ " adequate antidepressant trials failed (at least " + rule + ").", evidence));
		}
		else if (adequate.size() + unknown < rules.minimumAdequateTrials()) {
			reasons.add(
					new Reason("NOT_TREATMENT_RESISTANT", Kind.NOT_MET,
							"Not treatment-resistant: " + adequate.size() + " adequate failed antidepressant trial"
									+ ((adequate.size() == 1) ? "" : "s") + "; it takes at least " + rule + ".",
							evidence));
		}
		return adequate.size();
	}

	private static void treatmentsTried(ScreeningFacts facts, List<Reason> reasons) {
		if (facts.augmentationTried() == null) {
			reasons.add(new Reason("AUGMENTATION_UNKNOWN", Kind.MISSING,
					"Whether combinations or augmentation were tried is not known.", "not answered"));
		}
		if (facts.brainStimulation() == null) {
			reasons.add(new Reason("BRAIN_STIMULATION_UNKNOWN", Kind.MISSING,
					"Whether brain stimulation (ECT, TMS) was tried is not known.", "not answered"));
		}
		if (facts.augmentationTried() != null && facts.brainStimulation() != null) {
			reasons.add(new Reason("TREATMENTS_TRIED", Kind.NOTE, "Other treatments tried.",
					"augmentation or combination: " + yesNo(facts.augmentationTried()) + ", dose changes: "
							+ yesNo(facts.doseChangesTried()) + ", brain stimulation: "
							+ (facts.brainStimulation().isEmpty() ? "none"
									: String.join(", ", facts.brainStimulation().stream().map(Answers::code).toList()))
							+ ", psychotherapy: " + yesNo(facts.psychotherapyTried())));
		}
	}

	private static void functionalImpairment(ScreeningFacts facts, List<Reason> reasons) {
		FunctionalImpairment impairment = facts.functionalImpairment();
		if (impairment == null) {
			reasons.add(new Reason("FUNCTIONAL_IMPAIRMENT_UNKNOWN", Kind.MISSING,
					"How much the symptoms interfere with daily life is not known.", "not answered"));
		}
		else if (impairment == FunctionalImpairment.NONE) {
			reasons.add(new Reason("NO_FUNCTIONAL_IMPAIRMENT", Kind.CAUTION,
					"The symptoms do not interfere with daily life; a physician judges whether treatment is warranted.",
					"interference: none"));
		}
		else {
			reasons.add(new Reason("FUNCTIONAL_IMPAIRMENT", Kind.MET,
					"The symptoms make daily life " + Answers.code(impairment) + " difficult.",
					"interference: " + Answers.code(impairment)));
		}
	}

	private static MaudsleyScore maudsley(ScreeningFacts facts, int minimumTrialWeeks, int failedAdequateTrials) {
		int minimum = 0;
		int maximum = 0;
		List<String> missing = new ArrayList<>();
		if (facts.episodeMonths() != null) {
			minimum += MaudsleyScore.durationPoints(facts.episodeMonths());
			maximum += MaudsleyScore.durationPoints(facts.episodeMonths());
		}
		else {
			minimum += 1;
			maximum += 3;
			missing.add("episode duration");
		}
		if (facts.baselinePhq9() != null) {
			int points = MaudsleyScore.severityPoints(facts.baselinePhq9(),
					Boolean.TRUE.equals(facts.psychosisHistory()));
			minimum += points;
			maximum += points;
		}
		else {
			minimum += 1;
			maximum += 5;
			missing.add("baseline severity (PHQ-9)");
		}
		int unknownTrials = (facts.antidepressantTrials() != null) ? (int) facts.antidepressantTrials()
			.stream()
			.filter((trial) -> !trial.cannotCountAsFailure(minimumTrialWeeks) && !trial.missingParts().isEmpty())
			.count() : 0;
		minimum += MaudsleyScore.failurePoints(failedAdequateTrials);
		if (facts.antidepressantTrials() == null) {
			maximum += 5;
			missing.add("antidepressant trials");
		}
		else {
			maximum += MaudsleyScore.failurePoints(failedAdequateTrials + unknownTrials);
			if (unknownTrials > 0) {
				missing.add("adequacy of " + unknownTrials + " trial(s)");
			}
		}
		if (facts.augmentationTried() != null) {
			minimum += facts.augmentationTried() ? 1 : 0;
			maximum += facts.augmentationTried() ? 1 : 0;
		}
		else {
			maximum += 1;
			missing.add("augmentation");
		}
		if (facts.brainStimulation() != null) {
			int ect = facts.brainStimulation().contains(BrainStimulation.ECT) ? 1 : 0;
			minimum += ect;
			maximum += ect;
		}
		else {
			maximum += 1;
			missing.add("ECT");
		}
		return new MaudsleyScore(minimum, maximum, List.copyOf(missing));
	}

	private static String detail(String text) {
		return (text != null && !text.isBlank()) ? " (" + text.strip() + ")" : "";
	}

	private static String yesNo(Boolean answer) {
		if (answer == null) {
			return "unknown";
		}
		return answer ? "yes" : "no";
	}

}
