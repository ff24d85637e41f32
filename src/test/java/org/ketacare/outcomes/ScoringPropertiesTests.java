package org.ketacare.outcomes;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Properties of scoring that hold for every shipped instrument and every possible set of
 * answers, checked on generated answers:
 * <ul>
 * <li>a complete set of answers always has a total within the instrument's declared
 * range, and its severity is the band that holds the total;</li>
 * <li>for a sum-scored instrument, answering each unanswered item with 0 gives a complete
 * score whose total equals the sum of the answers given before (the 0-answers add
 * nothing), while the incomplete set itself has no total (no shipped definition
 * prorates);</li>
 * <li>raising one answer to a higher option never lowers the total (sum and
 * max-within-domains);</li>
 * <li>the PHQ-9 suicide flag is raised exactly when item 9 is answered above 0, whatever
 * the other answers and whether or not they are complete.</li>
 * </ul>
 */
class ScoringPropertiesTests {

	@Test
	void aCompleteTotalIsAlwaysWithinTheRangeAndInItsBand() {
		for (Instrument instrument : ShippedInstruments.withTotal()) {
			qt().forAll(completeAnswers(instrument)).checkAssert((answers) -> {
				Score score = Scoring.score(instrument, answers);
				assertThat(score.complete()).isTrue();
				assertThat(score.total()).isBetween(instrument.range().min(), instrument.range().max());
				assertThat(score.severity())
					.isEqualTo(instrument.bandOf(score.total()).map(Instrument.Band::label).orElse(null));
			});
		}
	}

	@Test
	void answeringUnansweredItemsWithZeroNeverChangesASum() {
		for (Instrument instrument : ShippedInstruments.withTotal()) {
			if (instrument.scoring().rule() != Instrument.Scoring.Rule.SUM) {
				continue;
			}
			qt().forAll(partialAnswers(instrument)).checkAssert((answers) -> {
				int sumGiven = answers.stream().filter((a) -> a != null).mapToInt(Integer::intValue).sum();
				List<Integer> zeroFilled = answers.stream().map((a) -> (a != null) ? a : 0).toList();
				Score filled = Scoring.score(instrument, zeroFilled);
				assertThat(filled.complete()).isTrue();
				assertThat(filled.total()).isEqualTo(sumGiven);
				Score given = Scoring.score(instrument, answers);
				if (answers.contains(null)) {
					assertThat(given.complete()).isFalse();
					assertThat(given.total()).isNull();
				}
			});
		}
	}

	@Test
	void raisingAnAnswerNeverLowersTheTotal() {
		for (Instrument instrument : ShippedInstruments.withTotal()) {
			qt().forAll(completeAnswers(instrument), integers().between(0, instrument.items().size() - 1))
				.checkAssert((answers, index) -> {
					int higher = instrument.optionsOf(instrument.items().get(index))
						.stream()
						.mapToInt(Instrument.AnswerOption::score)
						.max()
						.orElseThrow();
					List<Integer> raised = new ArrayList<>(answers);
					raised.set(index, higher);
					assertThat(Scoring.score(instrument, raised).total())
						.isGreaterThanOrEqualTo(Scoring.score(instrument, answers).total());
				});
		}
	}

	@Test
	void thePhq9SuicideFlagFollowsItemNineAlone() {
		Instrument phq9 = ShippedInstruments.get("PHQ-9");
		qt().forAll(partialAnswers(phq9)).checkAssert((answers) -> {
			Integer itemNine = answers.get(8);
			assertThat(Scoring.score(phq9, answers).flags().contains("SUICIDE_ITEM_POSITIVE"))
				.isEqualTo(itemNine != null && itemNine > 0);
		});
	}

	private static Gen<List<Integer>> completeAnswers(Instrument instrument) {
		return lists().of(integers().between(0, 1000)).ofSize(instrument.items().size()).map((picks) -> {
			List<Integer> answers = new ArrayList<>();
			for (int index = 0; index < picks.size(); index++) {
				List<Instrument.AnswerOption> options = instrument.optionsOf(instrument.items().get(index));
				answers.add(options.get(picks.get(index) % options.size()).score());
			}
			return answers;
		});
	}

	/** Answers where each item is answered with one of its options or left unanswered. */
	private static Gen<List<Integer>> partialAnswers(Instrument instrument) {
		return lists().of(integers().between(0, 1000)).ofSize(instrument.items().size()).map((picks) -> {
			List<Integer> answers = new ArrayList<>();
			for (int index = 0; index < picks.size(); index++) {
				List<Instrument.AnswerOption> options = instrument.optionsOf(instrument.items().get(index));
				int pick = picks.get(index) % (options.size() + 1);
				answers.add((pick < options.size()) ? options.get(pick).score() : null);
			}
			return answers;
		});
	}

}
