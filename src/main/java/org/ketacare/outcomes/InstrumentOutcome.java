package org.ketacare.outcomes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one instrument's series says about a patient.
 *
 * @param instrument the instrument's code
 * @param series the scored responses, oldest first
 * @param baseline the baseline score, or {@code null} when there is none
 * @param latest the newest score, or {@code null} when there is none
 * @param change the latest total minus the baseline total (negative is better), or
 * {@code null}
 * @param changePercent the change as a share of the baseline, rounded to one decimal, or
 * {@code null} (no baseline, or a baseline of 0)
 * @param response whether the latest score is a response; {@code null} when it cannot be
 * judged (no response definition, no baseline, no later score, or a baseline of 0)
 * @param remission whether the latest score is in remission; {@code null} when the
 * instrument defines none or there is no score
 * @param state where the patient stands on response and relapse
 * @param relapses every relapse after a response, oldest first
 */
public record InstrumentOutcome(String instrument, List<ScoredPoint> series, ScoredPoint baseline, ScoredPoint latest,
		Integer change, BigDecimal changePercent, Boolean response, Boolean remission, ResponseState state,
		List<Relapse> relapses) {

	public InstrumentOutcome {
		series = List.copyOf(series);
		relapses = List.copyOf(relapses);
	}

	/** Where a patient stands on an instrument. */
	public enum ResponseState {

		/** No baseline, or no response definition: nothing to judge. */
		NOT_JUDGED,
		/** Scores after baseline, none of them a response yet. */
		NOT_RESPONDED,
		/** Responding since the last response began. */
		RESPONDING,
		/** Relapsed after responding, and not responding again since. */
		RELAPSED

	}

	/**
	 * A relapse after a response.
	 *
	 * @param respondedAt when the response began
	 * @param relapsedAt when the score that completed the relapse rule was answered
	 * @param daysToRelapse whole days from the response to the relapse
	 * @param responseId the response that completed the relapse rule
	 */
	public record Relapse(Instant respondedAt, Instant relapsedAt, long daysToRelapse, UUID responseId) {
	}

}
