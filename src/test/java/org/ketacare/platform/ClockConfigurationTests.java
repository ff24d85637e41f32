package org.ketacare.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ClockConfigurationTests {

	private final ClockConfiguration configuration = new ClockConfiguration();

	@Test
	void withoutAStartTheClockIsTheSystemClockInUtc() {
		Clock clock = this.configuration.clock("", new MockEnvironment());
		assertThat(Duration.between(clock.instant(), Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aStartSetsTheClockThereAndLetsItRunOn() {
		Clock clock = this.configuration.clock("2026-03-02T13:30:00Z", new MockEnvironment());
		Instant first = clock.instant();
		assertThat(Duration.between(Instant.parse("2026-03-02T13:30:00Z"), first).abs())
			.isLessThan(Duration.ofSeconds(5));
		assertThat(clock.instant()).isAfterOrEqualTo(first);
	}

	@Test
	void productionRefusesAStart() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");
		assertThatIllegalStateException().isThrownBy(() -> this.configuration.clock("2026-03-02T13:30:00Z", production))
			.withMessageContaining("prod");
	}

	@Test
	void anUnreadableStartNamesTheSettingAndTheFormat() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.configuration.clock("monday morning", new MockEnvironment()))
			.withMessageContaining("ketacare.clock.start")
			.withMessageContaining("ISO-8601");
	}

}
