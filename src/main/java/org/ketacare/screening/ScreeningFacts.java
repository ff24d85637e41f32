package org.ketacare.screening;

import java.util.List;

import org.ketacare.screening.Answers.BrainStimulation;
import org.ketacare.screening.Answers.FunctionalImpairment;
import org.ketacare.screening.Answers.HeartDisease;

/**
 * What a screening call established, as the decision engine reads it. Every answer may be
 * {@code null}: not asked or not known, which the engine treats as missing information,
 * never as "no".
 *
 * @param ageYears the patient's age on the day of the screening, from the registry
 * @param onBloodPressureTreatment whether the patient takes blood pressure medication
 * @param antidepressantTrials the trials of the current episode; empty when none
 * @param brainStimulation treatments tried; empty when none
 * @param baselinePhq9 the PHQ-9 total (0–27) at screening
 * @param episodeMonths how long the current depressive episode has lasted
 */
record ScreeningFacts(int ageYears, Boolean pregnant, Boolean breastfeeding, BloodPressure bloodPressure,
		Boolean onBloodPressureTreatment, HeartDisease heartDisease, String heartDiseaseDetails,
		Boolean previousKetamineReaction, String previousKetamineReactionDetails, Boolean psychosisHistory,
		Boolean intracranialPressure, Boolean substanceUseDisorder, Boolean severeLiverDisease,
		Boolean uncontrolledHyperthyroidism, Boolean raisedIntraocularPressure, Boolean aneurysmalVascularDisease,
		Boolean seizureDisorder, List<AntidepressantTrial> antidepressantTrials, Boolean augmentationTried,
		Boolean doseChangesTried, List<BrainStimulation> brainStimulation, Boolean psychotherapyTried,
		FunctionalImpairment functionalImpairment, Integer baselinePhq9, Integer episodeMonths) {

	ScreeningFacts {
		antidepressantTrials = (antidepressantTrials != null) ? List.copyOf(antidepressantTrials) : null;
		brainStimulation = (brainStimulation != null) ? List.copyOf(brainStimulation) : null;
	}

}
