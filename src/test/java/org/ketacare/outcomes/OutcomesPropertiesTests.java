package org.ketacare.outcomes;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class OutcomesPropertiesTests {

	@Test
	void productionNeedsAnHttpsAddressPatientsCanReach() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");
		for (String unreachable : new String[] { "http://localhost:8080", "https://localhost",
				"http://care.example.org", "https://127.0.0.1:8443", "care.example.org", "ht tp://broken" }) {
			assertThatIllegalStateException()
				.isThrownBy(() -> new OutcomesProperties("", unreachable).requireReachableBy(production))
				.withMessageContaining("ketacare.outcomes.public-url");
		}
		assertThatNoException()
			.isThrownBy(() -> new OutcomesProperties("", "https://care.example.org/").requireReachableBy(production));
	}

	@Test
	void demoAndTestsKeepTheLocalDefault() {
		assertThatNoException().isThrownBy(
				() -> new OutcomesProperties("", "http://localhost:8080").requireReachableBy(new MockEnvironment()));
	}

}
