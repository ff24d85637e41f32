package org.ketacare.infusion;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketacare.outcomes.Instrument;
import org.ketacare.outcomes.InstrumentDefinitions;
import org.ketacare.platform.InvalidInputException.FieldError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** CADSS-6 and MOAA/S: the rules and the total, shared by recording and amending. */
class MonitoringRatingsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "null", value = { "1,2,0,1,0,0 | 4 | ",
			"0,0,0,0,0,5 | 4 | cadss[5] must be between 0 and 4", "0,0,0,0,0,-1 | 4 | cadss[5] must be between 0 and 4",
			"0,0,0,0,0 | 4 | cadss must hold the 6 item scores of CADSS-6",
			"0,0,0,0,0,0 | 6 | moaas must be between 0 and 5", "0,0,0,0,0,0 | -1 | moaas must be between 0 and 5",
			"0,0,0,0,0,0 | null | moaas must be between 0 and 5" })
	void ratingsOutsideTheScalesAreRefusedNamingTheField(String items, Integer moaas, String problem) {
		List<Integer> cadss = Arrays.stream(items.split(",")).map(Integer::valueOf).toList();

		List<String> problems = new MonitoringRatings(cadss, moaas).problems()
			.stream()
			.map((e) -> e.field() + " " + e.message())
			.toList();

		assertThat(problems).isEqualTo((problem != null) ? List.of(problem) : List.of());
	}

	@Test
	void theChartsRulesAgreeWithTheCadss6DefinitionItAsksWith() throws Exception {
		String json = new String(getClass().getResourceAsStream("/instruments/cadss-6.json").readAllBytes(),
				StandardCharsets.UTF_8);
		Instrument cadss = InstrumentDefinitions.parse("instruments/cadss-6.json", json);

		assertThat(cadss.code()).isEqualTo(MonitoringRatings.CADSS_INSTRUMENT);
		assertThat(cadss.items()).hasSize(MonitoringRatings.CADSS_ITEMS);
		assertThat(cadss.options()).extracting(Instrument.AnswerOption::score).containsExactly(0, 1, 2, 3, 4);
		assertThat(cadss.scoring().rule()).isEqualTo(Instrument.Scoring.Rule.SUM);
		assertThat(List.of(cadss.range().min(), cadss.range().max())).containsExactly(0, 24);
	}

	@Test
	void aMissingItemIsRefused() {
		assertThat(new MonitoringRatings(Arrays.asList(0, null, 0, 0, 0, 0), 5).problems())
			.extracting(FieldError::field)
			.containsExactly("cadss[1]");
	}

	@Test
	void theTotalOfValidItemsIsTheirSumWithinTheScale() {
		qt().forAll(lists().of(integers().between(0, 4)).ofSize(6), integers().between(0, 5)).check((items, moaas) -> {
			MonitoringRatings ratings = new MonitoringRatings(items, moaas);
			return ratings.problems().isEmpty()
					&& ratings.cadssTotal() == items.stream().mapToInt(Integer::intValue).sum()
					&& ratings.cadssTotal() >= 0 && ratings.cadssTotal() <= 24;
		});
	}

}
