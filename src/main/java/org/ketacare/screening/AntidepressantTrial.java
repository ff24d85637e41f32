package org.ketacare.screening;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.ketacare.screening.Answers.Adherence;
import org.ketacare.screening.Answers.TrialOutcome;

/**
 * One antidepressant the patient tried in the current episode. Any part may be unknown
 * ({@code null}); an unknown part is missing information, never a "no".
 *
 * @param dailyDoseMg the highest daily dose reached, in mg
 * @param weeks how long the patient took it at that dose
 * @param adherence how well it was taken; {@code null} when not asked
 * @param doseAdequate whether the dose reached the drug's therapeutic range (label or
 * Maudsley Treatment Inventory); {@code null} when not judged
 */
record AntidepressantTrial(String drug, BigDecimal dailyDoseMg, Integer weeks, Adherence adherence,
		Boolean doseAdequate, TrialOutcome outcome) {

	/** The parts needed to judge whether the trial was adequate that are unknown. */
	List<String> missingParts() {
		List<String> missing = new ArrayList<>();
		if (this.drug == null) {
			missing.add("drug");
		}
		if (this.dailyDoseMg == null) {
			missing.add("daily dose");
		}
		if (this.weeks == null) {
			missing.add("weeks");
		}
		if (this.outcome == null) {
			missing.add("outcome");
		}
		if (this.adherence == null) {
			missing.add("adherence");
		}
		if (this.doseAdequate == null) {
			missing.add("whether the dose was therapeutic");
		}
		return missing;
	}

	/**
	 * Whether what is known already rules out an adequate failed trial: it worked, was
	 * stopped for intolerance, was too short, below a therapeutic dose or poorly taken.
	 */
	boolean cannotCountAsFailure(int minimumWeeks) {
		return (this.outcome != null && !this.outcome.isFailure()) || (this.weeks != null && this.weeks < minimumWeeks)
				|| Boolean.FALSE.equals(this.doseAdequate) || this.adherence == Adherence.POOR;
	}

	String describe() {
		return ((this.drug != null) ? this.drug : "unnamed drug") + " "
				+ ((this.dailyDoseMg != null) ? this.dailyDoseMg.stripTrailingZeros().toPlainString() + " mg/day"
						: "dose ?")
				+ " for " + ((this.weeks != null) ? this.weeks + " wk" : "? wk") + ", "
				+ ((this.outcome != null) ? this.outcome.words() : "outcome ?")
				+ ((this.adherence != null) ? ", adherence " + Answers.code(this.adherence) : "")
				+ (Boolean.FALSE.equals(this.doseAdequate) ? ", dose below the therapeutic range" : "");
	}

}
