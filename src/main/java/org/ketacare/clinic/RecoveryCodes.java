package org.ketacare.clinic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import dev.samstevens.totp.recovery.RecoveryCodeGenerator;

/**
 * One-time codes for signing in without the phone. They are random (16 letters and
 * digits), so a SHA-256 of each is enough to keep them out of a database copy; a slow
 * password hash would only slow sign-in down.
 */
final class RecoveryCodes {

	static final int COUNT = 10;

	private static final RecoveryCodeGenerator GENERATOR = new RecoveryCodeGenerator();

	private RecoveryCodes() {
	}

	/** Fresh codes, to be shown once. */
	static List<String> generate() {
		return List.of(GENERATOR.generateCodes(COUNT));
	}

	/**
	 * The stored form of a code as typed: case, spaces and dashes do not matter, since
	 * people copy them from paper.
	 */
	static String hash(String code) {
		String normalised = code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
