package org.ketacare.clinic;

import java.util.Locale;

import org.ketacare.platform.InvalidInputException;

/**
 * What a staff password must be. Length matters more than character classes (NIST SP
 * 800-63B), so the rule is a minimum length and nothing that is trivially guessed from
 * the account.
 */
final class PasswordPolicy {

	static final int MINIMUM_LENGTH = 12;

	static final int MAXIMUM_LENGTH = 128;

	private PasswordPolicy() {
	}

	static void check(String field, String password, String username) {
		if (password == null || password.codePointCount(0, password.length()) < MINIMUM_LENGTH) {
			throw new InvalidInputException(field, "must be at least " + MINIMUM_LENGTH + " characters");
		}
		if (password.length() > MAXIMUM_LENGTH) {
			throw new InvalidInputException(field, "must be at most " + MAXIMUM_LENGTH + " characters");
		}
		if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
			throw new InvalidInputException(field, "must not contain the username");
		}
		if (password.codePoints().distinct().count() < 4) {
			throw new InvalidInputException(field, "must not be one or a few characters repeated");
		}
	}

}
