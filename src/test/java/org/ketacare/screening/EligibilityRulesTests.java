package org.ketacare.screening;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketacare.screening.Answers.Adherence;
import org.ketacare.screening.Answers.BrainStimulation;
import org.ketacare.screening.Answers.FunctionalImpairment;
import org.ketacare.screening.Answers.HeartDisease;
import org.ketacare.screening.Answers.TrialOutcome;
import org.ketacare.screening.Reason.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.ketacare.screening.Facts.trial;

/**
 * Every criterion and boundary of the eligibility rules, one answer changed at a time
 * from a caller who qualifies.
 */
class EligibilityRulesTests {

	@Test
	void aCallerWhoQualifiesOnEveryCountIsEligibleWithTheReasonsWhy() {
		Decision decision = Facts.qualifying().decide();

		assertThat(decision.outcome()).isEqualTo(Outcome.ELIGIBLE);
		assertThat(decision.reasons()).extracting(Reason::code)
			.contains("BLOOD_PRESSURE_CONTROLLED", "TREATMENT_RESISTANT", "FUNCTIONAL_IMPAIRMENT", "MAUDSLEY_SCORE");
		assertThat(decision.reasons()).allSatisfy((reason) -> {
			assertThat(reason.message()).isNotBlank();
			assertThat(reason.evidence()).isNotBlank();
		});
		assertThat(decision.rulesVersion()).isEqualTo("ketacare-eligibility/1");
		assertThat(decision.ruleParameters()).contains("minimum-adequate-trials=2", "140/90");
	}

	static Stream<Arguments> oneAnswerChanged() {
		return Stream.of(
				// Contraindications of the clinic (clinical reference §1.5)
				row("pregnant", (f) -> f.pregnant = true, Outcome.INELIGIBLE, "PREGNANT"),
				row("pregnancy not asked", (f) -> f.pregnant = null, Outcome.NEEDS_REVIEW, "PREGNANCY_UNKNOWN"),
				row("systolic at the limit", (f) -> f.bloodPressure = new BloodPressure(140, 80), Outcome.ELIGIBLE,
						"BLOOD_PRESSURE_CONTROLLED"),
				row("systolic one above", (f) -> f.bloodPressure = new BloodPressure(141, 80), Outcome.INELIGIBLE,
						"UNCONTROLLED_BLOOD_PRESSURE"),
				row("diastolic at the limit", (f) -> f.bloodPressure = new BloodPressure(130, 90), Outcome.ELIGIBLE,
						"BLOOD_PRESSURE_CONTROLLED"),
				row("diastolic one above", (f) -> f.bloodPressure = new BloodPressure(130, 91), Outcome.INELIGIBLE,
						"UNCONTROLLED_BLOOD_PRESSURE"),
				row("high even on treatment", (f) -> {
					f.bloodPressure = new BloodPressure(150, 95);
					f.onBloodPressureTreatment = true;
				}, Outcome.INELIGIBLE, "UNCONTROLLED_BLOOD_PRESSURE"),
				row("controlled on treatment", (f) -> f.onBloodPressureTreatment = true, Outcome.ELIGIBLE,
						"BLOOD_PRESSURE_CONTROLLED"),
				row("no reading", (f) -> f.bloodPressure = null, Outcome.NEEDS_REVIEW, "BLOOD_PRESSURE_UNKNOWN"),
				row("unstable heart disease", (f) -> f.heartDisease = HeartDisease.UNSTABLE, Outcome.INELIGIBLE,
						"UNSTABLE_HEART_DISEASE"),
				row("stable heart disease", (f) -> f.heartDisease = HeartDisease.STABLE, Outcome.NEEDS_REVIEW,
						"STABLE_HEART_DISEASE"),
				row("heart not asked", (f) -> f.heartDisease = null, Outcome.NEEDS_REVIEW, "HEART_DISEASE_UNKNOWN"),
				row("bad ketamine experience", (f) -> f.previousKetamineReaction = true, Outcome.INELIGIBLE,
						"PREVIOUS_KETAMINE_REACTION"),
				row("ketamine history not asked", (f) -> f.previousKetamineReaction = null, Outcome.NEEDS_REVIEW,
						"PREVIOUS_KETAMINE_REACTION_UNKNOWN"),
				row("psychosis", (f) -> f.psychosisHistory = true, Outcome.INELIGIBLE, "PSYCHOSIS_HISTORY"),
				row("psychosis not asked", (f) -> f.psychosisHistory = null, Outcome.NEEDS_REVIEW,
						"PSYCHOSIS_HISTORY_UNKNOWN"),
				row("intracranial pressure", (f) -> f.intracranialPressure = true, Outcome.INELIGIBLE,
						"RAISED_INTRACRANIAL_PRESSURE"),
				row("intracranial pressure not asked", (f) -> f.intracranialPressure = null, Outcome.NEEDS_REVIEW,
						"INTRACRANIAL_PRESSURE_UNKNOWN"),
				// Cautions of the clinical reference: a physician reviews
				row("breastfeeding", (f) -> f.breastfeeding = true, Outcome.NEEDS_REVIEW, "BREASTFEEDING"),
				row("breastfeeding not asked", (f) -> f.breastfeeding = null, Outcome.NEEDS_REVIEW,
						"BREASTFEEDING_UNKNOWN"),
				row("substance use disorder", (f) -> f.substanceUseDisorder = true, Outcome.NEEDS_REVIEW,
						"SUBSTANCE_USE_DISORDER"),
				row("substance use not asked", (f) -> f.substanceUseDisorder = null, Outcome.NEEDS_REVIEW,
						"SUBSTANCE_USE_DISORDER_UNKNOWN"),
				row("severe liver disease", (f) -> f.severeLiverDisease = true, Outcome.NEEDS_REVIEW,
						"SEVERE_LIVER_DISEASE"),
				row("liver not asked", (f) -> f.severeLiverDisease = null, Outcome.NEEDS_REVIEW,
						"SEVERE_LIVER_DISEASE_UNKNOWN"),
				row("uncontrolled hyperthyroidism", (f) -> f.uncontrolledHyperthyroidism = true, Outcome.NEEDS_REVIEW,
						"UNCONTROLLED_HYPERTHYROIDISM"),
				row("thyroid not asked", (f) -> f.uncontrolledHyperthyroidism = null, Outcome.NEEDS_REVIEW,
						"UNCONTROLLED_HYPERTHYROIDISM_UNKNOWN"),
				row("raised intraocular pressure", (f) -> f.raisedIntraocularPressure = true, Outcome.NEEDS_REVIEW,
						"RAISED_INTRAOCULAR_PRESSURE"),
				row("eye pressure not asked", (f) -> f.raisedIntraocularPressure = null, Outcome.NEEDS_REVIEW,
						"RAISED_INTRAOCULAR_PRESSURE_UNKNOWN"),
				row("aneurysmal vascular disease", (f) -> f.aneurysmalVascularDisease = true, Outcome.NEEDS_REVIEW,
						"ANEURYSMAL_VASCULAR_DISEASE"),
				row("aneurysm not asked", (f) -> f.aneurysmalVascularDisease = null, Outcome.NEEDS_REVIEW,
						"ANEURYSMAL_VASCULAR_DISEASE_UNKNOWN"),
				row("seizure disorder", (f) -> f.seizureDisorder = true, Outcome.NEEDS_REVIEW, "SEIZURE_DISORDER"),
				row("seizures not asked", (f) -> f.seizureDisorder = null, Outcome.NEEDS_REVIEW,
						"SEIZURE_DISORDER_UNKNOWN"),
				// Age band
				row("exactly the minimum age", (f) -> f.ageYears = 18, Outcome.ELIGIBLE, "TREATMENT_RESISTANT"),
				row("a year too young", (f) -> f.ageYears = 17, Outcome.INELIGIBLE, "UNDER_MINIMUM_AGE"),
				row("at the top of the age band", (f) -> f.ageYears = 65, Outcome.ELIGIBLE, "TREATMENT_RESISTANT"),
				row("above the age band", (f) -> f.ageYears = 66, Outcome.NEEDS_REVIEW, "ABOVE_AGE_BAND"),
				// Treatment resistance (clinical reference §4)
				row("only one failed trial", (f) -> f.trials.remove(1), Outcome.INELIGIBLE, "NOT_TREATMENT_RESISTANT"),
				row("no trials at all", (f) -> f.trials.clear(), Outcome.INELIGIBLE, "NOT_TREATMENT_RESISTANT"),
				row("trials not asked", (f) -> f.trials = null, Outcome.NEEDS_REVIEW, "ANTIDEPRESSANT_TRIALS_UNKNOWN"),
				row("second trial exactly 6 weeks",
						(f) -> f.trials.set(1, trial("venlafaxine", 225, 6, TrialOutcome.NO_RESPONSE)),
						Outcome.ELIGIBLE, "TREATMENT_RESISTANT"),
				row("second trial 5 weeks",
						(f) -> f.trials.set(1, trial("venlafaxine", 225, 5, TrialOutcome.NO_RESPONSE)),
						Outcome.INELIGIBLE, "NOT_TREATMENT_RESISTANT"),
				row("second trial a response",
						(f) -> f.trials.set(1, trial("venlafaxine", 225, 8, TrialOutcome.RESPONSE)), Outcome.INELIGIBLE,
						"NOT_TREATMENT_RESISTANT"),
				row("second trial stopped for intolerance",
						(f) -> f.trials.set(1, trial("venlafaxine", 225, 8, TrialOutcome.INTOLERANCE)),
						Outcome.INELIGIBLE, "NOT_TREATMENT_RESISTANT"),
				row("second trial below a therapeutic dose",
						(f) -> f.trials.set(1,
								new AntidepressantTrial("venlafaxine", BigDecimal.valueOf(37.5), 8, Adherence.GOOD,
										false, TrialOutcome.NO_RESPONSE)),
						Outcome.INELIGIBLE, "NOT_TREATMENT_RESISTANT"),
				row("second trial taken poorly",
						(f) -> f.trials.set(1,
								new AntidepressantTrial("venlafaxine", BigDecimal.valueOf(225), 8, Adherence.POOR, true,
										TrialOutcome.NO_RESPONSE)),
						Outcome.INELIGIBLE, "NOT_TREATMENT_RESISTANT"),
				row("second trial taken partly",
						(f) -> f.trials.set(1,
								new AntidepressantTrial("venlafaxine", BigDecimal.valueOf(225), 8, Adherence.PARTIAL,
										true, TrialOutcome.NO_RESPONSE)),
						Outcome.ELIGIBLE, "TREATMENT_RESISTANT"),
				row("dose adequacy not judged",
						(f) -> f.trials.set(1,
								new AntidepressantTrial("venlafaxine", BigDecimal.valueOf(225), 8, Adherence.GOOD, null,
										TrialOutcome.NO_RESPONSE)),
						Outcome.NEEDS_REVIEW, "TRIAL_INCOMPLETE"),
				row("adherence not asked",
						(f) -> f.trials.set(1,
								new AntidepressantTrial("venlafaxine", BigDecimal.valueOf(225), 8, null, true,
										TrialOutcome.NO_RESPONSE)),
						Outcome.NEEDS_REVIEW, "TRIAL_INCOMPLETE"),
				row("a response with unknown weeks does not count",
						(f) -> f.trials.add(trial("bupropion", 300, null, TrialOutcome.RESPONSE)), Outcome.ELIGIBLE,
						"TREATMENT_RESISTANT"),
				row("second trial's weeks unknown",
						(f) -> f.trials.set(1, trial("venlafaxine", 225, null, TrialOutcome.NO_RESPONSE)),
						Outcome.NEEDS_REVIEW, "TRIAL_INCOMPLETE"),
				row("a short trial and an unknown one cannot reach two", (f) -> {
					f.trials.set(0, trial("sertraline", 150, 4, TrialOutcome.NO_RESPONSE));
					f.trials.set(1, trial("venlafaxine", 225, null, TrialOutcome.NO_RESPONSE));
				}, Outcome.INELIGIBLE, "NOT_TREATMENT_RESISTANT"), row("one trial and nothing else", (f) -> {
					f.trials.clear();
					f.trials.add(trial("sertraline", 150, null, TrialOutcome.NO_RESPONSE));
				}, Outcome.INELIGIBLE, "NOT_TREATMENT_RESISTANT"),
				row("augmentation not asked", (f) -> f.augmentationTried = null, Outcome.NEEDS_REVIEW,
						"AUGMENTATION_UNKNOWN"),
				row("brain stimulation not asked", (f) -> f.brainStimulation = null, Outcome.NEEDS_REVIEW,
						"BRAIN_STIMULATION_UNKNOWN"),
				row("no augmentation and no stimulation", (f) -> {
					f.augmentationTried = false;
					f.brainStimulation.clear();
				}, Outcome.ELIGIBLE, "TREATMENTS_TRIED"),
				// Daily functioning
				row("no interference", (f) -> f.functionalImpairment = FunctionalImpairment.NONE, Outcome.NEEDS_REVIEW,
						"NO_FUNCTIONAL_IMPAIRMENT"),
				row("somewhat difficult", (f) -> f.functionalImpairment = FunctionalImpairment.SOMEWHAT,
						Outcome.ELIGIBLE, "FUNCTIONAL_IMPAIRMENT"),
				row("extremely difficult", (f) -> f.functionalImpairment = FunctionalImpairment.EXTREMELY,
						Outcome.ELIGIBLE, "FUNCTIONAL_IMPAIRMENT"),
				row("interference not asked", (f) -> f.functionalImpairment = null, Outcome.NEEDS_REVIEW,
						"FUNCTIONAL_IMPAIRMENT_UNKNOWN"),
				// The Maudsley score informs; it does not decide
				row("PHQ-9 not entered", (f) -> f.baselinePhq9 = null, Outcome.ELIGIBLE, "MAUDSLEY_SCORE_INCOMPLETE"),
				row("episode length not entered", (f) -> f.episodeMonths = null, Outcome.ELIGIBLE,
						"MAUDSLEY_SCORE_INCOMPLETE"));
	}

	@ParameterizedTest(name = "{0}: {2} with {3}")
	@MethodSource("oneAnswerChanged")
	void eachCriterionAndBoundary(String situation, Consumer<Facts> change, Outcome expected, String reasonCode) {
		Facts facts = Facts.qualifying();
		change.accept(facts);

		Decision decision = facts.decide();

		assertThat(decision.outcome()).as(situation).isEqualTo(expected);
		assertThat(decision.reasons()).extracting(Reason::code).as(situation).contains(reasonCode);
	}

	@Test
	void everyMissingAnswerIsNamed() {
		ScreeningFacts nothing = new ScreeningFacts(40, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null, null, null, null);

		Decision decision = EligibilityRules.decide(nothing, Facts.DEFAULT_RULES);

		assertThat(decision.outcome()).isEqualTo(Outcome.NEEDS_REVIEW);
		assertThat(decision.reasons()).filteredOn((reason) -> reason.kind() == Kind.MISSING)
			.extracting(Reason::code)
			.containsExactlyInAnyOrder("PREGNANCY_UNKNOWN", "BLOOD_PRESSURE_UNKNOWN", "HEART_DISEASE_UNKNOWN",
					"PREVIOUS_KETAMINE_REACTION_UNKNOWN", "PSYCHOSIS_HISTORY_UNKNOWN", "INTRACRANIAL_PRESSURE_UNKNOWN",
					"BREASTFEEDING_UNKNOWN", "SUBSTANCE_USE_DISORDER_UNKNOWN", "SEVERE_LIVER_DISEASE_UNKNOWN",
					"UNCONTROLLED_HYPERTHYROIDISM_UNKNOWN", "RAISED_INTRAOCULAR_PRESSURE_UNKNOWN",
					"ANEURYSMAL_VASCULAR_DISEASE_UNKNOWN", "SEIZURE_DISORDER_UNKNOWN", "ANTIDEPRESSANT_TRIALS_UNKNOWN",
					"AUGMENTATION_UNKNOWN", "BRAIN_STIMULATION_UNKNOWN", "FUNCTIONAL_IMPAIRMENT_UNKNOWN");
		assertThat(decision.maudsley().isComplete()).isFalse();
		assertThat(decision.maudsley().minimum()).isEqualTo(3);
		assertThat(decision.maudsley().maximum()).isEqualTo(15);
	}

	@Test
	void theClinicsNumbersAreTheRules() {
		Facts facts = Facts.qualifying();
		facts.trials.set(1, trial("venlafaxine", 225, 5, TrialOutcome.NO_RESPONSE));
		RuleSet fourWeeks = new RuleSet(2, 4, 140, 90, 18, 65);
		RuleSet threeTrials = new RuleSet(3, 6, 140, 90, 18, 65);
		RuleSet strictPressure = new RuleSet(2, 6, 120, 80, 18, 65);

		assertThat(EligibilityRules.decide(facts.build(), fourWeeks).outcome()).isEqualTo(Outcome.ELIGIBLE);
		assertThat(EligibilityRules.decide(Facts.qualifying().build(), threeTrials).outcome())
			.isEqualTo(Outcome.INELIGIBLE);
		assertThat(EligibilityRules.decide(Facts.qualifying().build(), strictPressure).outcome())
			.isEqualTo(Outcome.INELIGIBLE);
		assertThat(EligibilityRules.decide(Facts.qualifying().build(), strictPressure).ruleParameters())
			.contains("120/80");
	}

	@Test
	void aContraindicationOutweighsMissingAnswers() {
		Facts facts = Facts.qualifying();
		facts.pregnant = true;
		facts.heartDisease = null;
		facts.trials = null;

		assertThat(facts.decide().outcome()).isEqualTo(Outcome.INELIGIBLE);
	}

	static Stream<Arguments> maudsleyScores() {
		return Stream.of(
				// months, PHQ-9, failed trials, augmentation, ECT -> score
				arguments(12, 4, 2, false, false, 3), arguments(13, 5, 3, false, false, 6),
				arguments(24, 9, 4, true, false, 7), arguments(25, 10, 5, false, true, 10),
				arguments(36, 19, 6, true, true, 11), arguments(36, 20, 6, true, true, 12),
				arguments(36, 27, 10, true, true, 13), arguments(36, 27, 11, true, true, 14));
	}

	@ParameterizedTest(name = "{0} months, PHQ-9 {1}, {2} failures, augmentation {3}, ECT {4} -> {5}")
	@MethodSource("maudsleyScores")
	void maudsleyStagingMethodBoundaries(int months, int phq9, int failures, boolean augmentation, boolean ect,
			int expected) {
		Facts facts = Facts.qualifying();
		facts.episodeMonths = months;
		facts.baselinePhq9 = phq9;
		facts.augmentationTried = augmentation;
		facts.brainStimulation = ect ? List.of(BrainStimulation.ECT) : List.of();
		facts.trials.clear();
		for (int i = 0; i < failures; i++) {
			facts.trials.add(trial("drug " + i, 100, 8, TrialOutcome.NO_RESPONSE));
		}

		MaudsleyScore score = facts.decide().maudsley();

		assertThat(score.isComplete()).isTrue();
		assertThat(score.minimum()).isEqualTo(expected);
		assertThat(score.maximum()).isEqualTo(expected);
	}

	@Test
	void maudsleyBands() {
		assertThat(new MaudsleyScore(6, 6, List.of()).band()).isEqualTo("mild");
		assertThat(new MaudsleyScore(7, 7, List.of()).band()).isEqualTo("moderate");
		assertThat(new MaudsleyScore(10, 10, List.of()).band()).isEqualTo("moderate");
		assertThat(new MaudsleyScore(11, 11, List.of()).band()).isEqualTo("severe");
		assertThat(MaudsleyScore.severityPoints(20, true)).isEqualTo(5);
	}

	@Test
	void anIncompleteMaudsleyScoreIsARange() {
		Facts facts = Facts.qualifying();
		facts.baselinePhq9 = null;
		facts.augmentationTried = null;

		MaudsleyScore score = facts.decide().maudsley();

		assertThat(score.isComplete()).isFalse();
		assertThat(score.maximum() - score.minimum()).isEqualTo(5);
		assertThat(score.missing()).containsExactly("baseline severity (PHQ-9)", "augmentation");
		assertThat(score.describe()).startsWith("at least");
	}

	private static Arguments row(String situation, Consumer<Facts> change, Outcome expected, String reasonCode) {
		return arguments(situation, change, expected, reasonCode);
	}

}
