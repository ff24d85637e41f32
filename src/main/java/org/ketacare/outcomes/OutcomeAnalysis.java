package org.ketacare.outcomes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.ketacare.outcomes.InstrumentOutcome.Relapse;
import org.ketacare.outcomes.InstrumentOutcome.ResponseState;

/**
 * Baseline, change, response, remission and relapse from a patient's scores on one
 * instrument. Pure and exact: integer arithmetic decides every threshold.
 */
public final class OutcomeAnalysis {

	private OutcomeAnalysis() {
	}

	/**
	 * The baseline of a series: the newest score given for the baseline time point before
	 * the first score of any other time point; when every baseline score came later, the
	 * newest baseline score.
	 */
	public static Optional<ScoredPoint> baseline(List<ScoredPoint> points) {
		List<ScoredPoint> series = sorted(points);
		Instant firstOther = series.stream()
			.filter((point) -> point.timePoint().kind() != TimePoint.Kind.BASELINE)
			.map(ScoredPoint::answeredAt)
			.findFirst()
			.orElse(Instant.MAX);
		List<ScoredPoint> baselines = series.stream()
			.filter((point) -> point.timePoint().kind() == TimePoint.Kind.BASELINE)
			.toList();
		return baselines.stream()
			.filter((point) -> point.answeredAt().isBefore(firstOther))
			.reduce((first, second) -> second)
			.or(() -> baselines.stream().reduce((first, second) -> second));
	}

	public static InstrumentOutcome analyse(Instrument instrument, List<ScoredPoint> points, RelapseRule relapseRule) {
		List<ScoredPoint> series = sorted(points);
		ScoredPoint baseline = baseline(series).orElse(null);
		ScoredPoint latest = series.isEmpty() ? null : series.get(series.size() - 1);
		Boolean remission = (instrument.remission() != null && latest != null)
				? latest.total() <= instrument.remission().maximumScore() : null;
		if (baseline == null) {
			return new InstrumentOutcome(instrument.code(), series, null, latest, null, null, null, remission,
					ResponseState.NOT_JUDGED, List.of());
		}
		List<ScoredPoint> after = series.stream()
			.filter((point) -> point.answeredAt().isAfter(baseline.answeredAt())
					&& point.timePoint().kind() != TimePoint.Kind.BASELINE)
			.toList();
		Integer change = (latest != baseline) ? latest.total() - baseline.total() : null;
		BigDecimal changePercent = (change != null && baseline.total() > 0) ? BigDecimal.valueOf(change * 100L)
			.divide(BigDecimal.valueOf(baseline.total()), 1, RoundingMode.HALF_UP) : null;
		if (instrument.response() == null || baseline.total() == 0) {
			return new InstrumentOutcome(instrument.code(), series, baseline, latest, change, changePercent, null,
					remission, ResponseState.NOT_JUDGED, List.of());
		}
		int responsePercent = instrument.response().minimumReductionPercent();
		ResponseState state = ResponseState.NOT_RESPONDED;
		Instant respondedAt = null;
		int shortRun = 0;
		List<Relapse> relapses = new ArrayList<>();
		for (ScoredPoint point : after) {
			if (reducedBy(baseline, point, responsePercent)) {
				if (state != ResponseState.RESPONDING) {
					state = ResponseState.RESPONDING;
					respondedAt = point.answeredAt();
				}
				shortRun = 0;
			}
			else if (state == ResponseState.RESPONDING
					&& !reducedBy(baseline, point, relapseRule.reductionBelowPercent())) {
				shortRun++;
				if (shortRun >= relapseRule.consecutiveScores()) {
					relapses.add(new Relapse(respondedAt, point.answeredAt(),
							Duration.between(respondedAt, point.answeredAt()).toDays(), point.responseId()));
					state = ResponseState.RELAPSED;
					shortRun = 0;
				}
			}
			else {
				shortRun = 0;
			}
		}
		Boolean response = after.isEmpty() ? null : reducedBy(baseline, latest, responsePercent);
		return new InstrumentOutcome(instrument.code(), series, baseline, latest, change, changePercent, response,
				remission, state, relapses);
	}

	/** Whether the point's total is at least {@code percent} % below the baseline's. */
	static boolean reducedBy(ScoredPoint baseline, ScoredPoint point, int percent) {
		return (long) (baseline.total() - point.total()) * 100 >= (long) percent * baseline.total();
	}

	private static List<ScoredPoint> sorted(List<ScoredPoint> points) {
		return points.stream()
			.sorted(Comparator.comparing(ScoredPoint::answeredAt).thenComparing(ScoredPoint::responseId))
			.toList();
	}

}
