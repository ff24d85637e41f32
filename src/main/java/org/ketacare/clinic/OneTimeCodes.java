package org.ketacare.clinic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.OptionalLong;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;

/**
 * RFC 6238 codes as authenticator apps make them: 6 digits, a new one every 30 seconds,
 * HMAC-SHA-1. A code is accepted from the step before to the step after the current one
 * (the clock drift the library allows), and only for a step later than the last one
 * accepted, so that a code seen over someone's shoulder cannot be used again.
 */
final class OneTimeCodes {

	static final int DIGITS = 6;

	static final int PERIOD_SECONDS = 30;

	static final int ALLOWED_DRIFT_STEPS = 1;

	private static final CodeGenerator GENERATOR = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

	private OneTimeCodes() {
	}

	static long step(long epochSeconds) {
		return Math.floorDiv(epochSeconds, PERIOD_SECONDS);
	}

	/** The code for a time step. */
	static String code(String secret, long step) {
		try {
			return GENERATOR.generate(secret, step);
		}
		catch (CodeGenerationException ex) {
			throw new IllegalStateException("The TOTP secret cannot generate codes", ex);
		}
	}

	/** Whether the text looks like a code from an app rather than a recovery code. */
	static boolean looksLikeCode(String text) {
		return text.strip().replace(" ", "").matches("\\d{" + DIGITS + "}");
	}

	/**
	 * The time step the code belongs to, if it is right now and later than
	 * {@code lastUsedStep} (null when none was used yet).
	 */
	static OptionalLong acceptedStep(String secret, String code, long epochSeconds, Long lastUsedStep) {
		byte[] given = code.strip().replace(" ", "").getBytes(StandardCharsets.US_ASCII);
		long now = step(epochSeconds);
		for (long step = now - ALLOWED_DRIFT_STEPS; step <= now + ALLOWED_DRIFT_STEPS; step++) {
			boolean matches = MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII), given);
			if (matches) {
				return (lastUsedStep == null || step > lastUsedStep) ? OptionalLong.of(step) : OptionalLong.empty();
			}
		}
		return OptionalLong.empty();
	}

}
