package org.ketacare.screening;

import java.util.List;

/**
 * The Maudsley Staging Method score of treatment resistance (Fekadu et al.; BMC
 * Psychiatry 2018 standardisation; clinical reference §4): episode duration (1–3),
 * baseline severity (1–5), failed antidepressants (1–5), augmentation (0–1) and ECT
 * (0–1), 3–15 in all. When a part is unknown the score is the range it could take.
 *
 * @param minimum the lowest total the known answers allow
 * @param maximum the highest; equal to {@code minimum} when complete
 * @param missing the parts that are unknown
 */
public record MaudsleyScore(int minimum, int maximum, List<String> missing) {

	public boolean isComplete() {
		return this.missing.isEmpty();
	}

	/** mild (3–6), moderate (7–10) or severe (11–15), of the lowest total. */
	public String band() {
		if (this.minimum <= 6) {
			return "mild";
		}
		return (this.minimum <= 10) ? "moderate" : "severe";
	}

	public String describe() {
		if (isComplete()) {
			return this.minimum + " (" + band() + ")";
		}
		return "at least " + this.minimum + " and at most " + this.maximum + "; unknown: "
				+ String.join(", ", this.missing);
	}

	/** Points for the number of failed adequate antidepressant trials. */
	static int failurePoints(int failures) {
		if (failures <= 2) {
			return 1;
		}
		if (failures <= 4) {
			return 2;
		}
		if (failures <= 6) {
			return 3;
		}
		return (failures <= 10) ? 4 : 5;
	}

	/** Points for the length of the current episode. */
	static int durationPoints(int months) {
		if (months <= 12) {
			return 1;
		}
		return (months <= 24) ? 2 : 3;
	}

	/**
	 * Points for baseline severity from the PHQ-9 bands of the clinical reference §3:
	 * under 5 subsyndromal (1), 5–9 mild (2), 10–19 moderate (3; the PHQ-9's "moderately
	 * severe" is not a Maudsley band), 20–27 severe (4, or 5 with psychotic features).
	 */
	static int severityPoints(int phq9, boolean psychoticFeatures) {
		if (phq9 < 5) {
			return 1;
		}
		if (phq9 < 10) {
			return 2;
		}
		if (phq9 < 20) {
			return 3;
		}
		return psychoticFeatures ? 5 : 4;
	}

}
