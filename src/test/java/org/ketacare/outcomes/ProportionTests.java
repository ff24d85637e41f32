package org.ketacare.outcomes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

class ProportionTests {

	/** Published 95 % Wilson intervals (Newcombe 1998, Table I; and by hand). */
	@ParameterizedTest(name = "{0}/{1}: {2}–{3}")
	@CsvSource({ "81,263,0.2553,0.3662", "15,148,0.0624,0.1605", "0,20,0,0.1611", "1,29,0.0061,0.1718",
			"8,10,0.4902,0.9433", "10,10,0.7225,1" })
	void matchesPublishedIntervals(int count, int of, double lower, double upper) {
		Proportion proportion = Proportion.of(count, of);
		assertThat(proportion.lower()).isCloseTo(lower, within(0.00006));
		assertThat(proportion.upper()).isCloseTo(upper, within(0.00006));
	}

	@Test
	void noneAssessedHasNoRateAndNoInterval() {
		Proportion proportion = Proportion.of(0, 0);
		assertThat(proportion.rate()).isNull();
		assertThat(proportion.lower()).isNull();
	}

	@Test
	void aCountAboveTheTotalIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Proportion.of(3, 2));
	}

	@Test
	void theIntervalAlwaysHoldsTheRateAndStaysWithinZeroAndOne() {
		qt().forAll(integers().between(1, 500), integers().between(0, 100_000)).checkAssert((of, pick) -> {
			Proportion proportion = Proportion.of(pick % (of + 1), of);
			assertThat(proportion.lower()).isBetween(0.0, proportion.rate() + 1e-12);
			assertThat(proportion.upper()).isBetween(proportion.rate() - 1e-12, 1.0);
		});
	}

}
