package org.ketacare.outcomes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything measurement-based care knows about one patient.
 *
 * @param scored the outcome on each instrument that forms a total, in the order of the
 * instrument codes
 * @param riskLevels the series of each risk-level instrument (the C-SSRS screener)
 * @param responses every response, corrected or not, newest first
 * @param alerts every safety alert, newest first
 */
public record PatientOutcomes(UUID patientId, List<InstrumentOutcome> scored, List<RiskLevelSeries> riskLevels,
		List<ResponseRecord> responses, List<SafetyAlert> alerts) {

	/** The risk levels of complete screeners, oldest first. */
	public record RiskLevelSeries(String instrument, List<RiskLevelPoint> points) {

		public RiskLevelPoint latest() {
			return this.points.get(this.points.size() - 1);
		}

	}

	public record RiskLevelPoint(UUID responseId, Instant answeredAt, TimePoint timePoint, String level) {
	}

}
