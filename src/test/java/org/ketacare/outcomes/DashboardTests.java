package org.ketacare.outcomes;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardTests {

	private static final Instrument PHQ9 = ShippedInstruments.get("PHQ-9");

	@Test
	void countsPatientsByTheQuarterOfTheirBaseline() {
		Map<String, List<ScoredPoint>> patients = new LinkedHashMap<>();
		// Q1: responder and remitter; responder not remitted; non-responder; no
		// post-induction score
		patients.put("a", series("2026-01-10T15:00:00Z", 20, 4, 6));
		patients.put("b", series("2026-02-10T15:00:00Z", 20, 10, null));
		patients.put("c", series("2026-03-10T15:00:00Z", 20, 11, 12));
		patients.put("d", series("2026-03-20T15:00:00Z", 18, null, null));
		// Q2: one remitter
		patients.put("e", series("2026-04-02T15:00:00Z", 10, 3, 3));
		// never a baseline: not counted
		patients.put("f", List.of(new ScoredPoint(UUID.randomUUID(), Instant.parse("2026-02-01T10:00:00Z"),
				TimePoint.POST_INDUCTION, 5, null)));
		List<Dashboard.Row> rows = Dashboard.compute(PHQ9, patients, Dashboard.Period.QUARTER, ZoneId.of("UTC"));
		assertThat(rows).extracting(Dashboard.Row::period).containsExactly("2026-Q1", "2026-Q2", "All periods");
		Dashboard.Row q1 = rows.get(0);
		assertThat(q1.treated()).isEqualTo(4);
		assertThat(q1.afterInduction().assessed()).isEqualTo(3);
		assertThat(q1.afterInduction().response()).extracting(Proportion::count, Proportion::of).containsExactly(2, 3);
		assertThat(q1.afterInduction().remission()).extracting(Proportion::count, Proportion::of).containsExactly(1, 3);
		assertThat(q1.atOneMonth().assessed()).isEqualTo(2);
		assertThat(q1.atOneMonth().response()).extracting(Proportion::count).isEqualTo(1);
		assertThat(q1.atOneMonth().remission()).extracting(Proportion::count).isEqualTo(0);
		Dashboard.Row all = rows.get(2);
		assertThat(all.treated()).isEqualTo(5);
		assertThat(all.afterInduction().response()).extracting(Proportion::count, Proportion::of).containsExactly(3, 4);
		assertThat(all.afterInduction().remission()).extracting(Proportion::count, Proportion::of)
			.containsExactly(2, 4);
	}

	@Test
	void periodsFollowTheClinicsTimeZone() {
		// 02:00 UTC on 1 April is still 31 March in New York
		Map<String, List<ScoredPoint>> patients = Map.of("a", series("2026-04-01T02:00:00Z", 20, 4, null));
		assertThat(Dashboard.compute(PHQ9, patients, Dashboard.Period.MONTH, ZoneId.of("America/New_York")))
			.extracting(Dashboard.Row::period)
			.containsExactly("2026-03", "All periods");
		assertThat(Dashboard.compute(PHQ9, patients, Dashboard.Period.YEAR, ZoneId.of("UTC")))
			.extracting(Dashboard.Row::period)
			.containsExactly("2026", "All periods");
	}

	private static List<ScoredPoint> series(String baselineAt, int baseline, Integer postInduction, Integer oneMonth) {
		Instant start = Instant.parse(baselineAt);
		List<ScoredPoint> points = new ArrayList<>();
		points.add(new ScoredPoint(UUID.randomUUID(), start, TimePoint.BASELINE, baseline, null));
		if (postInduction != null) {
			points.add(new ScoredPoint(UUID.randomUUID(), start.plus(Duration.ofDays(21)), TimePoint.POST_INDUCTION,
					postInduction, null));
		}
		if (oneMonth != null) {
			points.add(new ScoredPoint(UUID.randomUUID(), start.plus(Duration.ofDays(49)),
					TimePoint.ONE_MONTH_FOLLOW_UP, oneMonth, null));
		}
		return points;
	}

}
