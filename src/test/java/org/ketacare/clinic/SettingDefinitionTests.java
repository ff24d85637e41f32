package org.ketacare.clinic;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

class SettingDefinitionTests {

	private final SettingDefinition dose = SettingDefinition.clinicalNumber("infusion.dose.default-mg-per-kg", "Dose",
			"Default dose", SettingType.DECIMAL, "0.5", "mg/kg", "0.1", "1.0", "Andrade 2017");

	private final SettingDefinition slot = SettingDefinition.preference("schedule.slot-minutes", "Schedule", "Slot",
			SettingType.INTEGER, "15", "min", "5", "60", "Clinic preference");

	@ParameterizedTest
	@CsvSource({ "0.5,0.5", "0.50,0.5", " 0.75 ,0.75", "1,1", "1.0,1", "0.1,0.1" })
	void decimalsAreStoredInOneCanonicalForm(String typed, String stored) {
		assertThat(this.dose.parse(typed)).isEqualTo(stored);
	}

	@ParameterizedTest
	@CsvSource({ "0.09,must be at least 0.1", "1.01,must be at most 1.0", "abc,must be a number such as 0.5",
			"'',is required" })
	void aDecimalOutsideTheRuleIsRefusedWithTheRule(String typed, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.dose.parse(typed)).withMessage(message);
	}

	@Test
	void integersWithinTheRangeAreAcceptedAndOthersRefused() {
		qt().forAll(integers().between(-1000, 1000)).checkAssert((minutes) -> {
			if (minutes >= 5 && minutes <= 60) {
				assertThat(this.slot.parse(Integer.toString(minutes))).isEqualTo(Integer.toString(minutes));
			}
			else {
				assertThatIllegalArgumentException().isThrownBy(() -> this.slot.parse(Integer.toString(minutes)));
			}
		});
	}

	@Test
	void aStoredDecimalReadsBackAsTheSameNumber() {
		qt().forAll(integers().between(10, 100)).checkAssert((hundredths) -> {
			BigDecimal value = BigDecimal.valueOf(hundredths, 2);
			assertThat(new BigDecimal(this.dose.parse(value.toPlainString()))).isEqualByComparingTo(value);
		});
	}

	@Test
	void aFractionIsNotAWholeNumber() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.slot.parse("7.5"))
			.withMessage("must be a whole number");
	}

	@Test
	void aDefaultOutsideItsOwnRangeIsADeclarationError() {
		assertThatIllegalArgumentException().isThrownBy(() -> SettingDefinition.clinicalNumber("a.b", "G", "L",
				SettingType.INTEGER, "100", "", "1", "10", "source"));
	}

	@Test
	void keysAreDottedLowercaseWords() {
		assertThatIllegalArgumentException().isThrownBy(() -> SettingDefinition.preference("NoDots", "G", "L",
				SettingType.BOOLEAN, "true", "", null, null, "source"));
	}

	@Test
	void theRangeIsDescribedWithItsUnit() {
		assertThat(this.dose.rangeText()).isEqualTo("0.1 to 1.0 mg/kg");
	}

	@Test
	void everyProtocolSettingIsWellFormedAndSourced() {
		assertThat(new ProtocolSettings().settings()).isNotEmpty().allSatisfy((definition) -> {
			assertThat(definition.source()).isNotBlank();
			assertThat(definition.parse(definition.defaultValue())).isEqualTo(definition.defaultValue());
		});
	}

}
