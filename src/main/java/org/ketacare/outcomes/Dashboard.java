package org.ketacare.outcomes;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The clinic's results on one instrument, by period, computed from the patients' scores
 * alone so that the same records always give the same numbers. A patient belongs to the
 * period of their baseline. After induction counts each patient's newest
 * {@code post-induction} score; at one month their newest {@code 1-month-follow-up}
 * score; response and remission are judged against their baseline as on the patient's own
 * outcomes.
 */
public final class Dashboard {

	private Dashboard() {
	}

	/**
	 * The rows, one per period with a baseline in it, oldest first, and a last row for
	 * all periods together.
	 * @param seriesByPatient each patient's scored points on the instrument
	 */
	public static List<Row> compute(Instrument instrument, Map<?, List<ScoredPoint>> seriesByPatient, Period period,
			ZoneId zone) {
		Map<String, List<Cohort>> byPeriod = new TreeMap<>();
		List<Cohort> everyone = new ArrayList<>();
		for (List<ScoredPoint> points : seriesByPatient.values()) {
			Optional<ScoredPoint> baseline = OutcomeAnalysis.baseline(points);
			if (baseline.isEmpty()) {
				continue;
			}
			Cohort cohort = new Cohort(baseline.get(), newest(points, TimePoint.POST_INDUCTION, baseline.get()),
					newest(points, TimePoint.ONE_MONTH_FOLLOW_UP, baseline.get()));
			byPeriod
				.computeIfAbsent(period.of(baseline.get().answeredAt().atZone(zone).toLocalDate()),
						(key) -> new ArrayList<>())
				.add(cohort);
			everyone.add(cohort);
		}
		List<Row> rows = new ArrayList<>();
		byPeriod.forEach((label, cohorts) -> rows.add(row(instrument, label, cohorts)));
		rows.add(row(instrument, "All periods", everyone));
		return rows;
	}

	private static Row row(Instrument instrument, String label, List<Cohort> cohorts) {
		return new Row(label, cohorts.size(), judge(instrument, cohorts, Cohort::postInduction),
				judge(instrument, cohorts, Cohort::oneMonth));
	}

	private static Outcomes judge(Instrument instrument, List<Cohort> cohorts, Function<Cohort, ScoredPoint> at) {
		int assessed = 0;
		int responders = 0;
		int remitters = 0;
		for (Cohort cohort : cohorts) {
			ScoredPoint point = at.apply(cohort);
			if (point == null) {
				continue;
			}
			assessed++;
			if (instrument.response() != null && cohort.baseline().total() > 0 && OutcomeAnalysis
				.reducedBy(cohort.baseline(), point, instrument.response().minimumReductionPercent())) {
				responders++;
			}
			if (instrument.remission() != null && point.total() <= instrument.remission().maximumScore()) {
				remitters++;
			}
		}
		return new Outcomes(assessed, Proportion.of(responders, assessed), Proportion.of(remitters, assessed));
	}

	private static ScoredPoint newest(List<ScoredPoint> points, TimePoint timePoint, ScoredPoint baseline) {
		return points.stream()
			.filter((point) -> point.timePoint().equals(timePoint) && point.answeredAt().isAfter(baseline.answeredAt()))
			.max(Comparator.comparing(ScoredPoint::answeredAt).thenComparing(ScoredPoint::responseId))
			.orElse(null);
	}

	/** How periods are formed from the baseline date in the clinic's time zone. */
	public enum Period {

		MONTH, QUARTER, YEAR;

		String of(LocalDate date) {
			return switch (this) {
				case MONTH -> "%d-%02d".formatted(date.getYear(), date.getMonthValue());
				case QUARTER -> "%d-Q%d".formatted(date.getYear(), (date.getMonthValue() + 2) / 3);
				case YEAR -> Integer.toString(date.getYear());
			};
		}

	}

	/**
	 * One period.
	 *
	 * @param period the period, such as {@code 2026-Q1}, or {@code All periods}
	 * @param treated patients with a baseline score in the period
	 */
	public record Row(String period, int treated, Outcomes afterInduction, Outcomes atOneMonth) {
	}

	/**
	 * Results at one time point.
	 *
	 * @param assessed patients with a score at this time point; the others are missing
	 */
	public record Outcomes(int assessed, Proportion response, Proportion remission) {
	}

	private record Cohort(ScoredPoint baseline, ScoredPoint postInduction, ScoredPoint oneMonth) {
	}

}
