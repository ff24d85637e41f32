package org.ketacare.outcomes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class InstrumentDefinitionsTests {

	private static final String VALID = """
			{"code": "TEST-3", "name": "Test", "measures": "Testing", "respondent": "self", "source": "tests",
			 "range": {"min": 0, "max": 6},
			 "options": [{"score": 0, "label": "no"}, {"score": 1, "label": "some"}, {"score": 2, "label": "much"}],
			 "items": [{"number": 1, "text": "one"}, {"number": 2, "text": "two"}, {"number": 3, "text": "three"}],
			 "scoring": {"rule": "sum"},
			 "bands": [{"min": 0, "max": 2, "label": "low"}, {"min": 3, "max": 6, "label": "high"}],
			 "response": {"minimumReductionPercent": 50}, "remission": {"maximumScore": 2},
			 "safetyAlerts": [{"code": "ITEM_THREE", "message": "three", "when": [[{"item": 3, "atLeast": 2}]]}]}
			""";

	@Test
	void everyShippedDefinitionIsValidAndNamesItsSource() {
		assertThat(ShippedInstruments.all()).extracting(Instrument::code)
			.containsExactly("C-SSRS", "CADSS-6", "GAD-7", "MADRS", "PHQ-9", "QIDS-SR16");
		assertThat(ShippedInstruments.all()).allSatisfy((instrument) -> {
			assertThat(InstrumentDefinitions.problems(instrument)).isEmpty();
			assertThat(instrument.source()).contains("reference");
		});
	}

	@Test
	void theShippedCodesAndThresholdsAreThoseOfTheReference() {
		Instrument phq9 = ShippedInstruments.get("PHQ-9");
		assertThat(phq9.loincTotal()).isEqualTo("44261-6");
		assertThat(phq9.loincPanel()).isEqualTo("44249-1");
		assertThat(phq9.item(1).loinc()).isEqualTo("44250-9");
		assertThat(phq9.options()).extracting(Instrument.AnswerOption::loinc)
			.containsExactly("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9");
		assertThat(phq9.remission().maximumScore()).isEqualTo(4);
		assertThat(phq9.response().minimumReductionPercent()).isEqualTo(50);
		assertThat(ShippedInstruments.get("GAD-7").loincTotal()).isEqualTo("70274-6");
		assertThat(ShippedInstruments.get("MADRS").remission().maximumScore()).isEqualTo(10);
		assertThat(ShippedInstruments.get("QIDS-SR16").remission().maximumScore()).isEqualTo(5);
		assertThat(ShippedInstruments.get("C-SSRS").loincTotal()).isEqualTo("93374-7");
		assertThat(ShippedInstruments.get("C-SSRS").item(7).loinc()).isEqualTo("93269-9");
		assertThat(ShippedInstruments.get("CADSS-6").range()).isEqualTo(new Instrument.Range(0, 24));
	}

	@Test
	void aValidDefinitionParses() {
		Instrument instrument = InstrumentDefinitions.parse("test", VALID);
		assertThat(instrument.code()).isEqualTo("TEST-3");
		assertThat(instrument.respondent()).isEqualTo(Instrument.Respondent.SELF);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"'\"range\": {\"min\": 0, \"max\": 6}'|'\"range\": {\"min\": 0, \"max\": 9}'|range: declares 0–9 but the items and scoring rule give 0–6",
			"'{\"min\": 3, \"max\": 6'|'{\"min\": 4, \"max\": 6'|bands[1]: must start at 3",
			"'\"max\": 6, \"label\": \"high\"'|'\"max\": 5, \"label\": \"high\"'|bands: must end at the highest total, 6, but end at 5",
			"'{\"number\": 2, \"text\": \"two\"}'|'{\"number\": 4, \"text\": \"two\"}'|items[1].number: must be 2",
			"'{\"score\": 2, \"label\": \"much\"}'|'{\"score\": 1, \"label\": \"much\"}'|options[2].score: 1 is listed twice",
			"'\"rule\": \"sum\"'|'\"rule\": \"average\"'|average",
			"'\"maximumScore\": 2'|'\"maximumScore\": 7'|remission.maximumScore: must be within the range 0–6",
			"'\"item\": 3, \"atLeast\": 2'|'\"item\": 4, \"atLeast\": 2'|safetyAlerts[0].when[0][0]: item must be 1 to 3",
			"'\"code\": \"ITEM_THREE\"'|'\"code\": \"item three\"'|safetyAlerts[0].code: must be a distinct UPPER_SNAKE_CASE name",
			"'\"source\": \"tests\",'|'\"source\": \"tests\", \"colour\": \"blue\",'|colour",
			"'\"respondent\": \"self\"'|'\"respondent\": \"robot\"'|robot",
			"'\"rule\": \"sum\"'|'\"rule\": \"sum\", \"domains\": [{\"name\": \"a\", \"items\": [1]}]'|scoring.domains: only the max-within-domains rule has domains" })
	void aBrokenDefinitionIsRefusedWithTheProblemNamed(String replace, String with, String problem) {
		String broken = VALID.replace(replace, with);
		assertThat(broken).as("the test changes the definition").isNotEqualTo(VALID);
		assertThatExceptionOfType(InstrumentDefinitions.InvalidDefinitionException.class)
			.isThrownBy(() -> InstrumentDefinitions.parse("clinic/test.json", broken))
			.withMessageStartingWith("Instrument definition clinic/test.json is invalid: ")
			.withMessageContaining(problem);
	}

	@Test
	void aDefinitionFromTheConfiguredFolderIsLoadedNextToTheShippedOnes(@TempDir Path folder) throws IOException {
		Files.writeString(folder.resolve("test-3.json"), VALID);
		Instruments instruments = new Instruments(new OutcomesProperties(folder.toString(), ""));
		assertThat(instruments.find("TEST-3")).isPresent();
		assertThat(instruments.find("PHQ-9")).isPresent();
	}

	@Test
	void aSecondDefinitionOfAShippedCodeStopsTheStart(@TempDir Path folder) throws IOException {
		Files.writeString(folder.resolve("my-phq.json"), VALID.replace("TEST-3", "PHQ-9"));
		assertThatExceptionOfType(InstrumentDefinitions.InvalidDefinitionException.class)
			.isThrownBy(() -> new Instruments(new OutcomesProperties(folder.toString(), "")))
			.withMessageContaining("my-phq.json")
			.withMessageContaining("PHQ-9 is already defined by classpath:instruments/phq-9.json");
	}

	@Test
	void aCodeThatDiffersFromAShippedOneOnlyInCaseStopsTheStart(@TempDir Path folder) throws IOException {
		Files.writeString(folder.resolve("my-phq.json"), VALID.replace("TEST-3", "Phq-9"));
		assertThatExceptionOfType(InstrumentDefinitions.InvalidDefinitionException.class)
			.isThrownBy(() -> new Instruments(new OutcomesProperties(folder.toString(), "")))
			.withMessageContaining("Phq-9 is already defined by classpath:instruments/phq-9.json");
	}

	@Test
	void aMissingFolderStopsTheStart(@TempDir Path folder) {
		assertThatIllegalStateException()
			.isThrownBy(() -> new Instruments(new OutcomesProperties(folder.resolve("nope").toString(), "")))
			.withMessageContaining("ketacare.outcomes.instrument-directory is not a readable folder");
	}

	@Test
	void theRangeOfADomainScaleIsTheSumOfItsDomainMaxima() {
		List<String> problems = InstrumentDefinitions.problems(ShippedInstruments.get("QIDS-SR16"));
		assertThat(problems).isEmpty();
		assertThat(ShippedInstruments.get("QIDS-SR16").range()).isEqualTo(new Instrument.Range(0, 27));
	}

}
