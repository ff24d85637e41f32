package org.ketacare.clinic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Encrypts the staff's TOTP secrets with AES-GCM under the installation key, so that a
 * copy of the database does not hold secrets that generate valid codes. Each secret is
 * bound to its owner (the associated data), so a secret copied onto another row does not
 * decrypt.
 */
@Component
class SecondFactorSecrets {

	/**
	 * For the demo and development only; the prod profile refuses it. Anyone who reads
	 * this source can decrypt secrets stored under it.
	 */
	static final String DEVELOPMENT_KEY = Base64.getEncoder()
		.encodeToString("KetaCare demo key: never in prod".getBytes(StandardCharsets.US_ASCII));

	private static final Logger log = LoggerFactory.getLogger(SecondFactorSecrets.class);

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	@Autowired
	SecondFactorSecrets(SecondFactorProperties properties, Environment environment) {
		this(installationKey(properties.secondFactorKey(), environment.matchesProfiles("prod")));
	}

	SecondFactorSecrets(byte[] key) {
		if (key.length != 32) {
			throw new IllegalStateException(
					"ketacare.security.second-factor-key must be 32 bytes (base64), was " + key.length + " bytes");
		}
		this.key = new SecretKeySpec(key, "AES");
	}

	static byte[] installationKey(String configured, boolean prod) {
		if (prod && (configured.isBlank() || configured.strip().equals(DEVELOPMENT_KEY))) {
			throw new IllegalStateException("The prod profile needs its own key for two-step sign-in secrets: set "
					+ "KETACARE_SECOND_FACTOR_KEY to 32 random bytes in base64, such as from 'openssl rand -base64 32'");
		}
		if (configured.isBlank()) {
			log.warn("Two-step sign-in secrets are encrypted with the development key; set "
					+ "ketacare.security.second-factor-key for real use");
			return Base64.getDecoder().decode(DEVELOPMENT_KEY);
		}
		try {
			return Base64.getDecoder().decode(configured.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("ketacare.security.second-factor-key must be base64", ex);
		}
	}

	/** The secret encrypted for its owner, as base64 of nonce and ciphertext. */
	String encrypt(String secret, String owner) {
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, owner);
			byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM failed to encrypt", ex);
		}
	}

	/**
	 * The secret; fails if it was encrypted for another owner, under another key, or
	 * altered.
	 */
	String decrypt(String encrypted, String owner) {
		byte[] bytes = Base64.getDecoder().decode(encrypted);
		byte[] nonce = Arrays.copyOf(bytes, NONCE_BYTES);
		try {
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, owner);
			return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A two-step sign-in secret does not decrypt: wrong "
					+ "ketacare.security.second-factor-key, or the stored secret was altered", ex);
		}
	}

	private Cipher cipher(int mode, byte[] nonce, String owner) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, this.key, new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

}
