package org.ketacare.outcomes;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TimePointTests {

	@ParameterizedTest
	@CsvSource({ "baseline,Baseline", "pre-infusion-3,Before infusion 3", "post-infusion-12,After infusion 12",
			"post-induction,After the induction course", "1-month-follow-up,One-month follow-up", "booster,Booster",
			"' Baseline ',Baseline" })
	void readsEveryForm(String text, String label) {
		TimePoint timePoint = TimePoint.parse(text);
		assertThat(timePoint.label()).isEqualTo(label);
		assertThat(TimePoint.parse(timePoint.code())).isEqualTo(timePoint);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "pre-infusion", "pre-infusion-0", "pre-infusion-100", "baseline-1", "later" })
	void refusesAnythingElseNamingTheForms(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> TimePoint.parse(text))
			.withMessageContaining(
					"baseline, pre-infusion-n, post-infusion-n, post-induction, 1-month-follow-up, booster");
	}

}
