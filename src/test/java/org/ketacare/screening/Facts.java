package org.ketacare.screening;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.ketacare.screening.Answers.Adherence;
import org.ketacare.screening.Answers.BrainStimulation;
import org.ketacare.screening.Answers.FunctionalImpairment;
import org.ketacare.screening.Answers.HeartDisease;
import org.ketacare.screening.Answers.TrialOutcome;

/**
 * Screening answers for tests: starts from a caller who qualifies on every count, and
 * changes one answer at a time.
 */
final class Facts {

	static final RuleSet DEFAULT_RULES = new RuleSet(2, 6, 140, 90, 18, 65);

	int ageYears = 42;

	Boolean pregnant = false;

	Boolean breastfeeding = false;

	BloodPressure bloodPressure = new BloodPressure(128, 82);

	Boolean onBloodPressureTreatment = false;

	HeartDisease heartDisease = HeartDisease.NONE;

	Boolean previousKetamineReaction = false;

	Boolean psychosisHistory = false;

	Boolean intracranialPressure = false;

	Boolean substanceUseDisorder = false;

	Boolean severeLiverDisease = false;

	Boolean uncontrolledHyperthyroidism = false;

	Boolean raisedIntraocularPressure = false;

	Boolean aneurysmalVascularDisease = false;

	Boolean seizureDisorder = false;

	List<AntidepressantTrial> trials = new ArrayList<>(List.of(trial("sertraline", 150, 8, TrialOutcome.NO_RESPONSE),
			trial("venlafaxine", 225, 10, TrialOutcome.PARTIAL_RESPONSE)));

	Boolean augmentationTried = true;

	Boolean doseChangesTried = true;

	List<BrainStimulation> brainStimulation = new ArrayList<>(List.of(BrainStimulation.TMS));

	Boolean psychotherapyTried = true;

	FunctionalImpairment functionalImpairment = FunctionalImpairment.VERY;

	Integer baselinePhq9 = 19;

	Integer episodeMonths = 30;

	static Facts qualifying() {
		return new Facts();
	}

	static AntidepressantTrial trial(String drug, int doseMg, Integer weeks, TrialOutcome outcome) {
		return new AntidepressantTrial(drug, BigDecimal.valueOf(doseMg), weeks, Adherence.GOOD, true, outcome);
	}

	ScreeningFacts build() {
		return new ScreeningFacts(this.ageYears, this.pregnant, this.breastfeeding, this.bloodPressure,
				this.onBloodPressureTreatment, this.heartDisease, null, this.previousKetamineReaction, null,
				this.psychosisHistory, this.intracranialPressure, this.substanceUseDisorder, this.severeLiverDisease,
				this.uncontrolledHyperthyroidism, this.raisedIntraocularPressure, this.aneurysmalVascularDisease,
				this.seizureDisorder, this.trials, this.augmentationTried, this.doseChangesTried, this.brainStimulation,
				this.psychotherapyTried, this.functionalImpairment, this.baselinePhq9, this.episodeMonths);
	}

	Decision decide() {
		return EligibilityRules.decide(build(), DEFAULT_RULES);
	}

}
