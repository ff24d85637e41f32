package org.ketacare.clinic;

import java.util.OptionalLong;

import dev.samstevens.totp.code.DefaultCodeVerifier;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

class OneTimeCodesTests {

	/** RFC 6238 appendix B: the SHA-1 secret "12345678901234567890" in base32. */
	private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	@Test
	void codesAreThoseOfRfc6238() {
		// The RFC's 8-digit values 94287082 and 07081804, cut to the 6 digits apps show.
		assertThat(OneTimeCodes.code(RFC_SECRET, OneTimeCodes.step(59))).isEqualTo("287082");
		assertThat(OneTimeCodes.code(RFC_SECRET, OneTimeCodes.step(1111111109))).isEqualTo("081804");
	}

	@Test
	void theCodeOfTheStepBeforeAndAfterIsAcceptedButNotFurther() {
		long now = 1_800_000_015;
		long step = OneTimeCodes.step(now);
		assertThat(OneTimeCodes.acceptedStep(RFC_SECRET, OneTimeCodes.code(RFC_SECRET, step), now, null))
			.hasValue(step);
		assertThat(OneTimeCodes.acceptedStep(RFC_SECRET, OneTimeCodes.code(RFC_SECRET, step - 1), now, null))
			.hasValue(step - 1);
		assertThat(OneTimeCodes.acceptedStep(RFC_SECRET, OneTimeCodes.code(RFC_SECRET, step + 1), now, null))
			.hasValue(step + 1);
		assertThat(OneTimeCodes.acceptedStep(RFC_SECRET, OneTimeCodes.code(RFC_SECRET, step - 2), now, null)).isEmpty();
		assertThat(OneTimeCodes.acceptedStep(RFC_SECRET, OneTimeCodes.code(RFC_SECRET, step + 2), now, null)).isEmpty();
	}

	@Test
	void aCodeIsAcceptedOnceAndNoEarlierCodeAfterIt() {
		long now = 1_800_000_015;
		long step = OneTimeCodes.step(now);
		String code = OneTimeCodes.code(RFC_SECRET, step);
		OptionalLong first = OneTimeCodes.acceptedStep(RFC_SECRET, code, now, null);
		assertThat(first).hasValue(step);
		assertThat(OneTimeCodes.acceptedStep(RFC_SECRET, code, now + 5, first.getAsLong())).isEmpty();
		assertThat(
				OneTimeCodes.acceptedStep(RFC_SECRET, OneTimeCodes.code(RFC_SECRET, step - 1), now, first.getAsLong()))
			.isEmpty();
		assertThat(OneTimeCodes.acceptedStep(RFC_SECRET, OneTimeCodes.code(RFC_SECRET, step + 1), now + 30,
				first.getAsLong()))
			.hasValue(step + 1);
	}

	@Test
	void weAcceptWhatTheLibrarysVerifierAccepts() {
		String secret = new DefaultSecretGenerator().generate();
		qt().forAll(longs().between(1_000_000_000L, 4_000_000_000L)).check((now) -> {
			String code = OneTimeCodes.code(secret, OneTimeCodes.step(now));
			DefaultCodeVerifier verifier = new DefaultCodeVerifier(new DefaultCodeGenerator(), () -> now);
			return verifier.isValidCode(secret, code) && OneTimeCodes.acceptedStep(secret, code, now, null).isPresent();
		});
	}

	@Test
	void spacesInATypedCodeDoNotMatterAndOtherTextIsNoCode() {
		long now = 1_800_000_015;
		String code = OneTimeCodes.code(RFC_SECRET, OneTimeCodes.step(now));
		assertThat(OneTimeCodes.looksLikeCode(code.substring(0, 3) + " " + code.substring(3))).isTrue();
		assertThat(
				OneTimeCodes.acceptedStep(RFC_SECRET, " " + code.substring(0, 3) + " " + code.substring(3), now, null))
			.isPresent();
		assertThat(OneTimeCodes.looksLikeCode("abcd-efgh-ijkl-mnop")).isFalse();
		assertThat(OneTimeCodes.looksLikeCode("12345")).isFalse();
	}

}
