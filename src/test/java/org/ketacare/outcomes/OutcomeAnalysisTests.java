package org.ketacare.outcomes;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketacare.outcomes.InstrumentOutcome.ResponseState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

class OutcomeAnalysisTests {

	private static final Instant DAY_0 = Instant.parse("2026-03-02T14:00:00Z");

	private static final RelapseRule TWO_BELOW_HALF = new RelapseRule(50, 2);

	private static final Instrument PHQ9 = ShippedInstruments.get("PHQ-9");

	@ParameterizedTest(name = "baseline {0}, latest {1}: response {2}, remission {3}")
	@CsvSource({ "20,10,true,false", "20,11,false,false", "21,11,false,false", "21,10,true,false", "8,4,true,true",
			"8,5,false,false", "9,4,true,true", "4,4,false,true", "10,5,true,false" })
	void responseIsAHalvingAndRemissionBelowFive(int baseline, int latest, boolean response, boolean remission) {
		InstrumentOutcome outcome = OutcomeAnalysis.analyse(PHQ9,
				List.of(point(0, TimePoint.BASELINE, baseline), point(21, TimePoint.POST_INDUCTION, latest)),
				TWO_BELOW_HALF);
		assertThat(outcome.response()).isEqualTo(response);
		assertThat(outcome.remission()).isEqualTo(remission);
		assertThat(outcome.change()).isEqualTo(latest - baseline);
	}

	@Test
	void changeInPercentIsRoundedToOneDecimal() {
		InstrumentOutcome outcome = OutcomeAnalysis.analyse(PHQ9,
				List.of(point(0, TimePoint.BASELINE, 21), point(21, TimePoint.POST_INDUCTION, 10)), TWO_BELOW_HALF);
		// (10 − 21) / 21 = −52.38 %
		assertThat(outcome.changePercent()).isEqualByComparingTo(new BigDecimal("-52.4"));
		assertThat(outcome.state()).isEqualTo(ResponseState.RESPONDING);
	}

	@Test
	void withoutABaselineNothingIsJudgedButRemissionIs() {
		InstrumentOutcome outcome = OutcomeAnalysis.analyse(PHQ9, List.of(point(3, TimePoint.POST_INDUCTION, 3)),
				TWO_BELOW_HALF);
		assertThat(outcome.baseline()).isNull();
		assertThat(outcome.response()).isNull();
		assertThat(outcome.change()).isNull();
		assertThat(outcome.remission()).isTrue();
		assertThat(outcome.state()).isEqualTo(ResponseState.NOT_JUDGED);
	}

	@Test
	void aBaselineOfZeroCannotShowAResponse() {
		InstrumentOutcome outcome = OutcomeAnalysis.analyse(PHQ9,
				List.of(point(0, TimePoint.BASELINE, 0), point(3, TimePoint.POST_INDUCTION, 0)), TWO_BELOW_HALF);
		assertThat(outcome.response()).isNull();
		assertThat(outcome.changePercent()).isNull();
	}

	@Test
	void aBaselineTakenAfterTreatmentBeganIsNotTheBaseline() {
		List<ScoredPoint> points = List.of(point(0, TimePoint.BASELINE, 20), point(7, pre(2), 15),
				point(8, TimePoint.BASELINE, 12));
		assertThat(OutcomeAnalysis.baseline(points)).get().extracting(ScoredPoint::total).isEqualTo(20);
	}

	@Test
	void aTwoScoreRelapseAfterResponseIsFoundWithItsTime() {
		List<ScoredPoint> points = List.of(point(0, TimePoint.BASELINE, 20), point(14, pre(4), 9),
				point(21, TimePoint.POST_INDUCTION, 6), point(35, new TimePoint(TimePoint.Kind.BOOSTER, null), 12),
				point(49, TimePoint.ONE_MONTH_FOLLOW_UP, 14));
		InstrumentOutcome outcome = OutcomeAnalysis.analyse(PHQ9, points, TWO_BELOW_HALF);
		assertThat(outcome.state()).isEqualTo(ResponseState.RELAPSED);
		assertThat(outcome.relapses()).singleElement().satisfies((relapse) -> {
			assertThat(relapse.respondedAt()).isEqualTo(DAY_0.plus(Duration.ofDays(14)));
			assertThat(relapse.relapsedAt()).isEqualTo(DAY_0.plus(Duration.ofDays(49)));
			assertThat(relapse.daysToRelapse()).isEqualTo(35);
			assertThat(relapse.responseId()).isEqualTo(points.get(4).responseId());
		});
		assertThat(outcome.response()).isFalse();
	}

	@Test
	void oneShortScoreBetweenResponsesIsNoRelapseUnderATwoScoreRule() {
		List<ScoredPoint> points = List.of(point(0, TimePoint.BASELINE, 20), point(14, pre(4), 9),
				point(21, pre(5), 12), point(28, TimePoint.POST_INDUCTION, 8),
				point(35, TimePoint.ONE_MONTH_FOLLOW_UP, 11));
		InstrumentOutcome outcome = OutcomeAnalysis.analyse(PHQ9, points, TWO_BELOW_HALF);
		assertThat(outcome.relapses()).isEmpty();
		assertThat(outcome.state()).isEqualTo(ResponseState.RESPONDING);
		assertThat(OutcomeAnalysis.analyse(PHQ9, points, new RelapseRule(50, 1)).relapses()).hasSize(2);
	}

	@Test
	void aScoreThatIsNoLongerAResponseButNotBelowTheRelapseShareInterruptsTheRun() {
		// relapse when the reduction is below 25 %: 20 → 9 responds; 16 (20 %) short; 13
		// (35 %) neither; 16 short again: no two in a row
		List<ScoredPoint> points = List.of(point(0, TimePoint.BASELINE, 20), point(7, pre(2), 9), point(14, pre(3), 16),
				point(21, pre(4), 13), point(28, pre(5), 16));
		assertThat(OutcomeAnalysis.analyse(PHQ9, points, new RelapseRule(25, 2)).relapses()).isEmpty();
	}

	@Test
	void aNonResponderNeverRelapses() {
		List<ScoredPoint> points = List.of(point(0, TimePoint.BASELINE, 20), point(7, pre(2), 19),
				point(14, pre(3), 20), point(21, pre(4), 22));
		InstrumentOutcome outcome = OutcomeAnalysis.analyse(PHQ9, points, new RelapseRule(50, 1));
		assertThat(outcome.state()).isEqualTo(ResponseState.NOT_RESPONDED);
		assertThat(outcome.relapses()).isEmpty();
	}

	@Test
	void anInstrumentWithoutAResponseDefinitionIsNotJudged() {
		InstrumentOutcome outcome = OutcomeAnalysis.analyse(ShippedInstruments.get("GAD-7"),
				List.of(point(0, TimePoint.BASELINE, 15), point(21, TimePoint.POST_INDUCTION, 3)), TWO_BELOW_HALF);
		assertThat(outcome.response()).isNull();
		assertThat(outcome.remission()).isNull();
		assertThat(outcome.change()).isEqualTo(-12);
	}

	@Test
	void responseAgreesWithTheExactRuleForEveryPairOfTotals() {
		// (baseline − latest) / baseline ≥ 50 % ⇔ latest ≤ baseline / 2, for baselines
		// 1–27
		qt().forAll(integers().between(1, 27), integers().between(0, 27)).checkAssert((baseline, latest) -> {
			InstrumentOutcome outcome = OutcomeAnalysis.analyse(PHQ9,
					List.of(point(0, TimePoint.BASELINE, baseline), point(21, TimePoint.POST_INDUCTION, latest)),
					TWO_BELOW_HALF);
			assertThat(outcome.response()).isEqualTo(2 * latest <= baseline);
		});
	}

	@Test
	void relapsesOnlyEverFollowAResponse() {
		qt().forAll(integers().between(1, 27), lists().of(integers().between(0, 27)).ofSizeBetween(0, 12))
			.checkAssert((baseline, totals) -> {
				List<ScoredPoint> points = new ArrayList<>(List.of(point(0, TimePoint.BASELINE, baseline)));
				for (int i = 0; i < totals.size(); i++) {
					points.add(point(i + 1, pre(i + 1), totals.get(i)));
				}
				InstrumentOutcome outcome = OutcomeAnalysis.analyse(PHQ9, points, new RelapseRule(50, 1));
				for (InstrumentOutcome.Relapse relapse : outcome.relapses()) {
					assertThat(relapse.respondedAt()).isBefore(relapse.relapsedAt());
				}
				boolean everResponded = totals.stream().anyMatch((total) -> 2 * total <= baseline);
				if (!everResponded) {
					assertThat(outcome.relapses()).isEmpty();
				}
			});
	}

	private static TimePoint pre(int infusion) {
		return new TimePoint(TimePoint.Kind.PRE_INFUSION, infusion);
	}

	static ScoredPoint point(int day, TimePoint timePoint, int total) {
		return new ScoredPoint(UUID.randomUUID(), DAY_0.plus(Duration.ofDays(day)), timePoint, total, null);
	}

}
