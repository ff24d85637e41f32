package org.ketacare.clinic;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ketacare.platform.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTests {

	@ParameterizedTest
	@CsvSource({ "elevenchars,must be at least 12 characters",
			"aaaaaaaaaaaaaaaa,must not be one or a few characters repeated",
			"nurse.main-2026!,must not contain the username" })
	void weakPasswordsAreRefusedWithTheRule(String password, String rule) {
		assertThatThrownBy(() -> PasswordPolicy.check("password", password, "nurse.main"))
			.isInstanceOfSatisfying(InvalidInputException.class, (ex) -> {
				org.assertj.core.api.Assertions.assertThat(ex.errors().get(0).field()).isEqualTo("password");
				org.assertj.core.api.Assertions.assertThat(ex.errors().get(0).message()).isEqualTo(rule);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "twelve chars", "correct horse battery staple", "Ünïcödé-pässwörd" })
	void longEnoughPassphrasesAreAccepted(String password) {
		assertThatCode(() -> PasswordPolicy.check("password", password, "nurse.main")).doesNotThrowAnyException();
	}

}
