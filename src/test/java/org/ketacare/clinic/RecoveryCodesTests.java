package org.ketacare.clinic;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryCodesTests {

	@Test
	void tenDifferentCodesThatDoNotLookLikeAppCodes() {
		List<String> codes = RecoveryCodes.generate();
		assertThat(codes).hasSize(10);
		assertThat(new HashSet<>(codes)).hasSize(10);
		assertThat(codes).allSatisfy((code) -> {
			assertThat(code).matches("[a-z0-9]{4}(-[a-z0-9]{4}){3}");
			assertThat(OneTimeCodes.looksLikeCode(code)).isFalse();
		});
	}

	@Test
	void theHashIgnoresCaseSpacesAndDashesButNothingElse() {
		String code = RecoveryCodes.generate().get(0);
		String hash = RecoveryCodes.hash(code);
		assertThat(hash).hasSize(64).doesNotContain(code.replace("-", ""));
		assertThat(RecoveryCodes.hash(" " + code.toUpperCase(Locale.ROOT).replace("-", " "))).isEqualTo(hash);
		assertThat(RecoveryCodes.hash(code.replace("-", ""))).isEqualTo(hash);
		assertThat(RecoveryCodes.hash(code.substring(1))).isNotEqualTo(hash);
	}

}
