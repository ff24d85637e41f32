package org.ketacare.clinic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ketacare.TestStaff;
import org.ketacare.platform.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTests {

	private static final String USERNAME = "nurse.main";

	private static final String NAME = "Robin Fairweather";

	private static final String CLINIC = "Mental Health Center — Main";

	@ParameterizedTest(name = "\"{0}\": {1}")
	@CsvSource(delimiter = '|', value = { "elevenchars|must be at least 12 characters",
			"aaaaaaaaaaaaaaaa|must not be one or a few characters repeated",
			"nurse.main-2026!|must not contain the username",
			// Breached and common passwords, with the usual decorations.
			"Password1234|" + PasswordPolicy.GUESSABLE, "P@ssw0rd2024!|" + PasswordPolicy.GUESSABLE,
			"letmein123456|" + PasswordPolicy.GUESSABLE, "iloveyou12345|" + PasswordPolicy.GUESSABLE,
			"Welcome12345!|" + PasswordPolicy.GUESSABLE, "Summer2024!!!|" + PasswordPolicy.GUESSABLE,
			"correct horse battery staple|" + PasswordPolicy.GUESSABLE,
			// Keyboard walks and sequences.
			"qwertyuiop123|" + PasswordPolicy.GUESSABLE, "1qaz2wsx3edc|" + PasswordPolicy.GUESSABLE,
			"zxcvbnmasdfg|" + PasswordPolicy.GUESSABLE, "abcdefghijkl|" + PasswordPolicy.GUESSABLE,
			"123456789012|" + PasswordPolicy.GUESSABLE,
			// The product, the clinic and the person.
			"ketamine-clinic|" + PasswordPolicy.GUESSABLE, "KetamineClinic2026!|" + PasswordPolicy.GUESSABLE,
			"ketacare-demo|" + PasswordPolicy.GUESSABLE, "MentalHealthCenter1!|" + PasswordPolicy.GUESSABLE,
			"mental health main 2026|" + PasswordPolicy.GUESSABLE, "Robin Fairweather 1990|" + PasswordPolicy.GUESSABLE,
			"fairweather.robin!|" + PasswordPolicy.GUESSABLE, "twelve chars|" + PasswordPolicy.GUESSABLE })
	void weakPasswordsAreRefusedWithTheRule(String password, String rule) {
		assertThatThrownBy(() -> PasswordPolicy.check("password", password, USERNAME, NAME, CLINIC))
			.isInstanceOfSatisfying(InvalidInputException.class, (ex) -> {
				assertThat(ex.errors().get(0).field()).isEqualTo("password");
				assertThat(ex.errors().get(0).message()).isEqualTo(rule);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "calm river under the old bridge", "violet tractor mumbles softly",
			"purple monkey dishwasher", "Ünïcödé-pässwörd", "kq8#Lm2pZx!t", TestStaff.PASSWORD })
	void longPassphrasesAndRandomPasswordsAreAccepted(String password) {
		assertThatCode(() -> PasswordPolicy.check("password", password, USERNAME, NAME, CLINIC))
			.doesNotThrowAnyException();
	}

	@Test
	void aPhraseMadeOfTheClinicsOwnNameIsGuessableOnlyForThatClinic() {
		String password = "harbor view wellness group";
		assertThatCode(() -> PasswordPolicy.check("password", password, USERNAME, NAME, CLINIC))
			.doesNotThrowAnyException();
		assertThatThrownBy(
				() -> PasswordPolicy.check("password", password, USERNAME, NAME, "Harbor View Wellness Group"))
			.hasMessageContaining("too easy to guess");
	}

	@Test
	void theLongestAllowedPasswordIsEstimatedWithoutTrouble() {
		String password = "a quiet otter reads maps ".repeat(6).substring(0, PasswordPolicy.MAXIMUM_LENGTH);
		assertThatCode(() -> PasswordPolicy.check("password", password, USERNAME, NAME, CLINIC))
			.doesNotThrowAnyException();
		assertThatThrownBy(() -> PasswordPolicy.check("password", password + "x", USERNAME, NAME, CLINIC))
			.hasMessageContaining("at most 128 characters");
	}

}
