package org.ketacare.platform;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FieldErrorsTests {

	@Test
	void collectsEveryBrokenRuleAndRefusesThemTogether() {
		FieldErrors errors = new FieldErrors();

		assertThat(errors.text("name", "  Ada  ", 10)).isEqualTo("Ada");
		assertThat(errors.text("surname", "   ", 10)).isNull();
		errors.optionalText("notes", "x".repeat(11), 10);
		assertThat(errors.optionalText("address", "", 10)).isNull();
		errors.required("date", null);
		errors.phone("phone", "call me");
		errors.email("email", "nobody");
		errors.check(() -> {
			throw new InvalidInputException("vial", "is expired");
		});

		assertThat(errors.list()).extracting(InvalidInputException.FieldError::field)
			.containsExactly("surname", "notes", "date", "phone", "email", "vial");
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(errors::throwIfAny)
			.satisfies((ex) -> assertThat(ex.errors()).hasSize(6));
	}

	@Test
	void decimalsAreCheckedForPresenceRangeAndDecimals() {
		FieldErrors errors = new FieldErrors();
		BigDecimal min = new BigDecimal("20");
		BigDecimal max = new BigDecimal("300");

		assertThat(errors.decimal("a", new BigDecimal("80.50"), min, max, "kg", 1)).isEqualByComparingTo("80.5");
		assertThat(errors.decimal("b", new BigDecimal("80.55"), min, max, "kg", 1)).isNull();
		assertThat(errors.decimal("c", new BigDecimal("19.9"), min, max, "kg", 1)).isNull();
		assertThat(errors.decimal("d", null, min, max, "kg", 1)).isNull();

		assertThat(errors.list()).extracting(InvalidInputException.FieldError::message)
			.containsExactly("must have at most 1 decimal", "must be between 20 and 300 kg", "is required");
		assertThat(new FieldErrors().isEmpty()).isTrue();
	}

}
