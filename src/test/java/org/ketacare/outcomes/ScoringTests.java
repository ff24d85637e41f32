package org.ketacare.outcomes;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketacare.platform.InvalidInputException.FieldError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.ketacare.outcomes.ShippedInstruments.get;
import static org.ketacare.outcomes.ShippedInstruments.sumAnswersTotalling;

/**
 * Hand-worked scores of every shipped instrument and every band boundary. The expected
 * totals and bands are worked out by hand from clinical reference section 3, not from the
 * code.
 */
class ScoringTests {

	static Stream<Arguments> bandBoundaries() {
		return Stream.of(Arguments.of("PHQ-9", 0, "None–minimal"), Arguments.of("PHQ-9", 4, "None–minimal"),
				Arguments.of("PHQ-9", 5, "Mild"), Arguments.of("PHQ-9", 9, "Mild"),
				Arguments.of("PHQ-9", 10, "Moderate"), Arguments.of("PHQ-9", 14, "Moderate"),
				Arguments.of("PHQ-9", 15, "Moderately severe"), Arguments.of("PHQ-9", 19, "Moderately severe"),
				Arguments.of("PHQ-9", 20, "Severe"), Arguments.of("PHQ-9", 27, "Severe"),
				Arguments.of("GAD-7", 0, "Minimal"), Arguments.of("GAD-7", 4, "Minimal"),
				Arguments.of("GAD-7", 5, "Mild"), Arguments.of("GAD-7", 9, "Mild"),
				Arguments.of("GAD-7", 10, "Moderate"), Arguments.of("GAD-7", 14, "Moderate"),
				Arguments.of("GAD-7", 15, "Severe"), Arguments.of("GAD-7", 21, "Severe"),
				Arguments.of("MADRS", 0, "Normal"), Arguments.of("MADRS", 6, "Normal"),
				Arguments.of("MADRS", 7, "Mild"), Arguments.of("MADRS", 19, "Mild"),
				Arguments.of("MADRS", 20, "Moderate"), Arguments.of("MADRS", 34, "Moderate"),
				Arguments.of("MADRS", 35, "Severe"), Arguments.of("MADRS", 60, "Severe"));
	}

	@ParameterizedTest(name = "{0} total {1} is {2}")
	@MethodSource("bandBoundaries")
	void everyBandBoundaryOfTheSumScales(String code, int total, String band) {
		Instrument instrument = get(code);
		Score score = Scoring.score(instrument, sumAnswersTotalling(instrument, total));
		assertThat(score.total()).isEqualTo(total);
		assertThat(score.severity()).isEqualTo(band);
		assertThat(score.complete()).isTrue();
		assertThat(score.prorated()).isFalse();
	}

	@Test
	void phq9HandWorked() {
		// 1+2+0+3+1+0+2+1+0 = 10: moderate, item 9 not positive
		Score score = Scoring.score(get("PHQ-9"), List.of(1, 2, 0, 3, 1, 0, 2, 1, 0));
		assertThat(score).isEqualTo(new Score(10, "Moderate", true, false, List.of()));
	}

	@Test
	void phq9ItemNineAboveZeroIsFlaggedEvenWhenTheRestIsMild() {
		// 0+0+1+1+1+0+0+0+1 = 4: none-minimal, but item 9 = 1
		Score score = Scoring.score(get("PHQ-9"), List.of(0, 0, 1, 1, 1, 0, 0, 0, 1));
		assertThat(score).isEqualTo(new Score(4, "None–minimal", true, false, List.of("SUICIDE_ITEM_POSITIVE")));
	}

	@Test
	void anIncompletePhq9HasNoTotalButItsSafetyFlagStillCounts() {
		List<Integer> answers = Arrays.asList(3, 3, 3, null, 3, 3, 3, 3, 2);
		Score score = Scoring.score(get("PHQ-9"), answers);
		assertThat(score.total()).isNull();
		assertThat(score.severity()).isNull();
		assertThat(score.complete()).isFalse();
		assertThat(score.flags()).containsExactly("SUICIDE_ITEM_POSITIVE");
	}

	@Test
	void gad7HandWorked() {
		// 3+3+2+2+1+1+0 = 12: moderate
		assertThat(Scoring.score(get("GAD-7"), List.of(3, 3, 2, 2, 1, 1, 0)))
			.isEqualTo(new Score(12, "Moderate", true, false, List.of()));
	}

	@Test
	void madrsHandWorked() {
		// 4+4+3+4+2+3+3+4+3+2 = 32: moderate (20–34)
		assertThat(Scoring.score(get("MADRS"), List.of(4, 4, 3, 4, 2, 3, 3, 4, 3, 2)))
			.isEqualTo(new Score(32, "Moderate", true, false, List.of()));
	}

	@Test
	void qidsTakesTheHighestAnswerWithinSleepAppetiteAndPsychomotorDomains() {
		// sleep max(1,3,0,2)=3, sad 2, appetite/weight max(0,1,3,0)=3, concentration 1,
		// self 2, suicide 0, interest 1, energy 2, psychomotor max(0,3)=3 → 17: severe
		List<Integer> answers = List.of(1, 3, 0, 2, 2, 0, 1, 3, 0, 1, 2, 0, 1, 2, 0, 3);
		assertThat(Scoring.score(get("QIDS-SR16"), answers)).isEqualTo(new Score(17, "Severe", true, false, List.of()));
		assertThat(answers.stream().mapToInt(Integer::intValue).sum()).as("a plain sum would say 21").isEqualTo(21);
	}

	@ParameterizedTest(name = "QIDS-SR16 total {0} is {1}")
	@CsvSource({ "0,None", "5,None", "6,Mild", "10,Mild", "11,Moderate", "15,Moderate", "16,Severe", "20,Severe",
			"21,Very severe", "27,Very severe" })
	void everyQidsBandBoundary(int total, String band) {
		Score score = Scoring.score(get("QIDS-SR16"), qidsAnswersTotalling(total));
		assertThat(score.total()).isEqualTo(total);
		assertThat(score.severity()).isEqualTo(band);
	}

	@Test
	void qidsWithOneSleepItemMissingIsIncompleteAndHasNoTotal() {
		List<Integer> answers = Arrays.asList(1, 3, null, 2, 2, 0, 1, 3, 0, 1, 2, 0, 1, 2, 0, 3);
		Score score = Scoring.score(get("QIDS-SR16"), answers);
		assertThat(score.complete()).isFalse();
		assertThat(score.total()).isNull();
	}

	@ParameterizedTest(name = "C-SSRS {0} → {1}, complete {2}")
	@CsvSource(delimiter = '|', nullValues = "-", value = { //
			"0,0,-,-,-,0,-|None|true|", //
			"1,0,-,-,-,0,-|Low|true|", //
			"1,1,0,0,0,0,-|Low|true|", //
			"1,1,1,0,0,0,-|Moderate|true|SUICIDE_RISK_MODERATE_OR_HIGH", //
			"1,1,1,1,0,0,-|High|true|SUICIDE_RISK_MODERATE_OR_HIGH", //
			"0,1,0,0,1,0,-|High|true|SUICIDE_RISK_MODERATE_OR_HIGH", //
			"0,0,-,-,-,1,0|Moderate|true|SUICIDE_RISK_MODERATE_OR_HIGH", //
			"0,0,-,-,-,1,1|High|true|SUICIDE_RISK_MODERATE_OR_HIGH", //
			"1,1,-,-,-,0,-|-|false|", //
			"0,0,-,-,-,1,-|-|false|SUICIDE_RISK_MODERATE_OR_HIGH" })
	void cssrsRiskLevels(String answers, String level, boolean complete, String flag) {
		List<Integer> values = Arrays.stream(answers.split(","))
			.map((answer) -> answer.equals("-") ? null : Integer.valueOf(answer))
			.toList();
		Score score = Scoring.score(get("C-SSRS"), values);
		assertThat(score.total()).isNull();
		assertThat(score.severity()).isEqualTo(level);
		assertThat(score.complete()).isEqualTo(complete);
		assertThat(score.flags()).isEqualTo((flag != null) ? List.of(flag) : List.of());
	}

	@Test
	void cadss6SumsWithoutBands() {
		// 0+1+2+3+4+0 = 10 of 0–24
		assertThat(Scoring.score(get("CADSS-6"), List.of(0, 1, 2, 3, 4, 0)))
			.isEqualTo(new Score(10, null, true, false, List.of()));
		assertThat(Scoring.score(get("CADSS-6"), List.of(4, 4, 4, 4, 4, 4)).total()).isEqualTo(24);
	}

	@Test
	void theWrongNumberOfAnswersIsNamed() {
		List<FieldError> problems = Scoring.problems(get("PHQ-9"), List.of(0, 1, 2));
		assertThat(problems).singleElement().satisfies((problem) -> {
			assertThat(problem.field()).isEqualTo("answers");
			assertThat(problem.message()).contains("must have 9 answers").contains("has 3");
		});
	}

	@Test
	void anAnswerOutOfRangeNamesItsIndexAndItem() {
		List<FieldError> problems = Scoring.problems(get("PHQ-9"), List.of(0, 1, 2, 4, 0, 0, 0, 0, -1));
		assertThat(problems).extracting(FieldError::field).containsExactly("answers[3]", "answers[8]");
		assertThat(problems.get(0).message()).startsWith("item 4 (Feeling tired or having little energy)")
			.contains("must be one of 0, 1, 2, 3, but is 4");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Scoring.score(get("PHQ-9"), List.of(0, 1, 2, 4, 0, 0, 0, 0, 0)));
	}

	@Test
	void missingAnswersAreNamedAsSuch() {
		assertThat(Scoring.problems(get("GAD-7"), null)).extracting(FieldError::field).containsExactly("answers");
	}

	@Test
	void aDefinitionThatAllowsProrationEstimatesTheSumAndSaysSo() {
		Instrument proratedPhq9 = InstrumentDefinitions.parse("test",
				"""
						{"code": "PHQ-9P", "name": "PHQ-9 prorated", "measures": "Depression", "respondent": "self",
						 "source": "test", "range": {"min": 0, "max": 27},
						 "options": [{"score": 0, "label": "a"}, {"score": 1, "label": "b"}, {"score": 2, "label": "c"},
						             {"score": 3, "label": "d"}],
						 "items": [%s], "scoring": {"rule": "sum"}, "proration": {"maximumMissingItems": 2},
						 "bands": [{"min": 0, "max": 9, "label": "low"}, {"min": 10, "max": 27, "label": "high"}]}
						""".formatted(String.join(",",
						Stream.of(1, 2, 3, 4, 5, 6, 7, 8, 9)
							.map((n) -> "{\"number\": " + n + ", \"text\": \"item " + n + "\"}")
							.toList())));
		// 8 answered, sum 8 → 8 × 9 / 8 = 9
		assertThat(Scoring.score(proratedPhq9, Arrays.asList(1, 1, 1, 1, 1, 1, 1, null, 1)))
			.isEqualTo(new Score(9, "low", false, true, List.of()));
		// 7 answered, sum 1×6 + 2 = 8 → 8 × 9 / 7 = 10.29 → 10
		assertThat(Scoring.score(proratedPhq9, Arrays.asList(1, 1, 1, 1, 1, 1, 2, null, null)))
			.isEqualTo(new Score(10, "high", false, true, List.of()));
		// three missing is more than the definition allows
		assertThat(Scoring.score(proratedPhq9, Arrays.asList(1, 1, 1, 1, 1, 1, null, null, null)).total()).isNull();
	}

	@Test
	void theShippedPhq9IsNeverProrated() {
		assertThat(get("PHQ-9").proration()).isNull();
		Score score = Scoring.score(get("PHQ-9"), Arrays.asList(1, 1, 1, 1, 1, 1, 1, 1, null));
		assertThat(score.total()).isNull();
		assertThat(score.prorated()).isFalse();
	}

	/**
	 * QIDS answers with a chosen total: each of the nine domains gets up to 3 on its
	 * first item, the other items of the domain 0.
	 */
	private static List<Integer> qidsAnswersTotalling(int total) {
		Integer[] answers = new Integer[16];
		Arrays.fill(answers, 0);
		int left = total;
		for (int firstItem : new int[] { 1, 5, 6, 10, 11, 12, 13, 14, 15 }) {
			answers[firstItem - 1] = Math.min(3, left);
			left -= answers[firstItem - 1];
		}
		return Arrays.asList(answers);
	}

}
