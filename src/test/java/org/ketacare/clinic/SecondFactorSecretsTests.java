package org.ketacare.clinic;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

class SecondFactorSecretsTests {

	private static final String KEY = Base64.getEncoder()
		.encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

	private final SecondFactorSecrets secrets = new SecondFactorSecrets(Base64.getDecoder().decode(KEY));

	@Test
	void anySecretDecryptsToItselfForItsOwner() {
		qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 64))
			.check((secret) -> this.secrets.decrypt(this.secrets.encrypt(secret, "clinic/staff"), "clinic/staff")
				.equals(secret));
	}

	@Test
	void theSameSecretEncryptsDifferentlyEachTimeAndNotInTheClear() {
		String first = this.secrets.encrypt("JBSWY3DPEHPK3PXP", "clinic/staff");
		String second = this.secrets.encrypt("JBSWY3DPEHPK3PXP", "clinic/staff");
		assertThat(first).isNotEqualTo(second);
		assertThat(new String(Base64.getDecoder().decode(first), StandardCharsets.ISO_8859_1))
			.doesNotContain("JBSWY3DPEHPK3PXP");
	}

	@Test
	void aSecretCopiedToAnotherPersonDoesNotDecrypt() {
		String encrypted = this.secrets.encrypt("JBSWY3DPEHPK3PXP", "clinic/alice");
		assertThatThrownBy(() -> this.secrets.decrypt(encrypted, "clinic/mallory"))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void anAlteredSecretOrAnotherKeyDoesNotDecrypt() {
		byte[] sealed = Base64.getDecoder().decode(this.secrets.encrypt("JBSWY3DPEHPK3PXP", "o"));
		sealed[sealed.length - 1] ^= 1;
		assertThatThrownBy(() -> this.secrets.decrypt(Base64.getEncoder().encodeToString(sealed), "o"))
			.isInstanceOf(IllegalStateException.class);
		SecondFactorSecrets development = new SecondFactorSecrets(new SecondFactorProperties("", java.util.Set.of()),
				new MockEnvironment());
		assertThatThrownBy(() -> development.decrypt(this.secrets.encrypt("JBSWY3DPEHPK3PXP", "o"), "o"))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void prodRefusesToStartWithoutItsOwnKey() {
		MockEnvironment prod = new MockEnvironment();
		prod.setActiveProfiles("prod");
		assertThatThrownBy(() -> new SecondFactorSecrets(new SecondFactorProperties("", java.util.Set.of()), prod))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("KETACARE_SECOND_FACTOR_KEY");
		assertThatThrownBy(() -> new SecondFactorSecrets(
				new SecondFactorProperties(SecondFactorSecrets.DEVELOPMENT_KEY, java.util.Set.of()), prod))
			.isInstanceOf(IllegalStateException.class);
		SecondFactorSecrets own = new SecondFactorSecrets(new SecondFactorProperties(KEY, java.util.Set.of()), prod);
		assertThat(this.secrets.decrypt(own.encrypt("JBSWY3DPEHPK3PXP", "o"), "o")).isEqualTo("JBSWY3DPEHPK3PXP");
	}

	@Test
	void aKeyOfTheWrongLengthOrNotBase64IsRefused() {
		assertThatThrownBy(() -> SecondFactorSecrets.installationKey("not base64!", false))
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> new SecondFactorSecrets(new byte[16])).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("32 bytes");
	}

}
