package org.ketacare.screening;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.screening.Answers.Adherence;
import org.ketacare.screening.Answers.BrainStimulation;
import org.ketacare.screening.Answers.FunctionalImpairment;
import org.ketacare.screening.Answers.HeartDisease;
import org.ketacare.screening.Answers.TrialOutcome;

/**
 * A screening as the intake coordinator enters it (page or API), before it is checked.
 * Every answer may be left out: a left-out answer is missing information, never "no".
 */
record ScreeningRequest(Boolean pregnant, Boolean breastfeeding, BloodPressureInput bloodPressure,
		Boolean onBloodPressureTreatment, String heartDisease, String heartDiseaseDetails,
		Boolean previousKetamineReaction, String previousKetamineReactionDetails, Boolean psychosisHistory,
		Boolean intracranialPressure, Boolean substanceUseDisorder, Boolean severeLiverDisease,
		Boolean uncontrolledHyperthyroidism, Boolean raisedIntraocularPressure, Boolean aneurysmalVascularDisease,
		Boolean seizureDisorder, List<TrialInput> antidepressantTrials, Boolean augmentationTried,
		Boolean doseChangesTried, List<StimulationInput> brainStimulation, Boolean psychotherapyTried,
		String functionalImpairment, Integer baselinePhq9, Integer episodeMonths, String notes) {

	static final int MAX_TRIALS = 20;

	/**
	 * The answers in the engine's terms, or every broken rule, each naming its field.
	 * @param ageYears the patient's age on the day of the screening
	 * @throws InvalidInputException listing every field that breaks a rule
	 */
	ScreeningFacts toFacts(int ageYears) {
		List<InvalidInputException.FieldError> errors = new ArrayList<>();
		BloodPressure reading = (this.bloodPressure != null) ? this.bloodPressure.check(errors) : null;
		HeartDisease heart = choice(HeartDisease.class, "heartDisease", this.heartDisease, errors);
		FunctionalImpairment impairment = choice(FunctionalImpairment.class, "functionalImpairment",
				this.functionalImpairment, errors);
		List<AntidepressantTrial> trials = null;
		if (this.antidepressantTrials != null) {
			trials = new ArrayList<>();
			if (this.antidepressantTrials.size() > MAX_TRIALS) {
				errors.add(error("antidepressantTrials", "must list at most " + MAX_TRIALS + " trials"));
			}
			for (int i = 0; i < this.antidepressantTrials.size(); i++) {
				TrialInput trial = this.antidepressantTrials.get(i);
				if (trial == null) {
					errors.add(error("antidepressantTrials[" + i + "]", "must be a trial, not null"));
				}
				else {
					trials.add(trial.check("antidepressantTrials[" + i + "].", errors));
				}
			}
		}
		List<BrainStimulation> stimulation = null;
		if (this.brainStimulation != null) {
			stimulation = new ArrayList<>();
			for (int i = 0; i < this.brainStimulation.size(); i++) {
				StimulationInput input = this.brainStimulation.get(i);
				BrainStimulation type = choice(BrainStimulation.class, "brainStimulation[" + i + "]",
						(input != null) ? input.type() : null, errors);
				if (input == null || input.type() == null) {
					errors.add(error("brainStimulation[" + i + "]",
							"must be one of " + Answers.codes(BrainStimulation.class)));
				}
				if (type != null && !stimulation.contains(type)) {
					stimulation.add(type);
				}
			}
		}
		range("baselinePhq9", this.baselinePhq9, 0, 27, "", errors);
		range("episodeMonths", this.episodeMonths, 0, 600, " months", errors);
		text("heartDiseaseDetails", this.heartDiseaseDetails, 2000, errors);
		text("previousKetamineReactionDetails", this.previousKetamineReactionDetails, 2000, errors);
		text("notes", this.notes, 4000, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return new ScreeningFacts(ageYears, this.pregnant, this.breastfeeding, reading, this.onBloodPressureTreatment,
				heart, blankToNull(this.heartDiseaseDetails), this.previousKetamineReaction,
				blankToNull(this.previousKetamineReactionDetails), this.psychosisHistory, this.intracranialPressure,
				this.substanceUseDisorder, this.severeLiverDisease, this.uncontrolledHyperthyroidism,
				this.raisedIntraocularPressure, this.aneurysmalVascularDisease, this.seizureDisorder, trials,
				this.augmentationTried, this.doseChangesTried, stimulation, this.psychotherapyTried, impairment,
				this.baselinePhq9, this.episodeMonths);
	}

	/**
	 * Checks every answer without deciding anything.
	 * @throws InvalidInputException listing every field that breaks a rule
	 */
	void validate() {
		// The age plays no part in the checks, only in the decision.
		toFacts(0);
	}

	String cleanNotes() {
		return blankToNull(this.notes);
	}

	private static <E extends Enum<E>> E choice(Class<E> type, String field, String code,
			List<InvalidInputException.FieldError> errors) {
		if (code == null || code.isBlank()) {
			return null;
		}
		Optional<E> value = Answers.fromCode(type, code);
		if (value.isEmpty()) {
			errors.add(error(field, "must be one of " + Answers.codes(type)));
		}
		return value.orElse(null);
	}

	private static void range(String field, Integer value, int minimum, int maximum, String unit,
			List<InvalidInputException.FieldError> errors) {
		if (value != null && (value < minimum || value > maximum)) {
			errors.add(error(field, "must be between " + minimum + " and " + maximum + unit));
		}
	}

	private static void text(String field, String value, int maxLength, List<InvalidInputException.FieldError> errors) {
		if (value != null && value.strip().length() > maxLength) {
			errors.add(error(field, "must be at most " + maxLength + " characters"));
		}
	}

	private static String blankToNull(String value) {
		return (value != null && !value.isBlank()) ? value.strip() : null;
	}

	private static InvalidInputException.FieldError error(String field, String message) {
		return new InvalidInputException.FieldError(field, message);
	}

	/** A blood pressure reading as entered, in mmHg. */
	record BloodPressureInput(Integer systolic, Integer diastolic) {

		BloodPressure check(List<InvalidInputException.FieldError> errors) {
			int before = errors.size();
			if (this.systolic == null) {
				errors.add(error("bloodPressure.systolic", "is required with a blood pressure reading"));
			}
			else if (this.systolic < 50 || this.systolic > 300) {
				errors.add(error("bloodPressure.systolic", "must be between 50 and 300 mmHg"));
			}
			if (this.diastolic == null) {
				errors.add(error("bloodPressure.diastolic", "is required with a blood pressure reading"));
			}
			else if (this.diastolic < 20 || this.diastolic > 200) {
				errors.add(error("bloodPressure.diastolic", "must be between 20 and 200 mmHg"));
			}
			if (errors.size() == before && this.systolic <= this.diastolic) {
				errors.add(error("bloodPressure.systolic", "must be above the diastolic pressure"));
			}
			return (errors.size() == before) ? new BloodPressure(this.systolic, this.diastolic) : null;
		}

	}

	/** One antidepressant trial as entered. */
	record TrialInput(String drug, BigDecimal dailyDoseMg, Integer weeks, String adherence, Boolean doseAdequate,
			String outcome) {

		AntidepressantTrial check(String prefix, List<InvalidInputException.FieldError> errors) {
			String name = blankToNull(this.drug);
			if (name != null && name.length() > 100) {
				errors.add(error(prefix + "drug", "must be at most 100 characters"));
			}
			if (this.dailyDoseMg != null
					&& (this.dailyDoseMg.signum() <= 0 || this.dailyDoseMg.compareTo(BigDecimal.valueOf(5000)) > 0)) {
				errors.add(error(prefix + "dailyDoseMg", "must be above 0 and at most 5000 mg"));
			}
			range(prefix + "weeks", this.weeks, 0, 520, " weeks", errors);
			return new AntidepressantTrial(name, this.dailyDoseMg, this.weeks,
					choice(Adherence.class, prefix + "adherence", this.adherence, errors), this.doseAdequate,
					choice(TrialOutcome.class, prefix + "outcome", this.outcome, errors));
		}

	}

	/**
	 * A brain stimulation treatment tried: {@code "ect"} or {@code {"type": "ect"}}.
	 */
	record StimulationInput(String type) {

		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static StimulationInput of(String type) {
			return new StimulationInput(type);
		}

	}

}
