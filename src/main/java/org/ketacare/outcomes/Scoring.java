package org.ketacare.outcomes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.ketacare.outcomes.Instrument.AnswerOption;
import org.ketacare.outcomes.Instrument.Condition;
import org.ketacare.outcomes.Instrument.Domain;
import org.ketacare.outcomes.Instrument.Item;
import org.ketacare.outcomes.Instrument.RiskRule;
import org.ketacare.outcomes.Instrument.SafetyRule;
import org.ketacare.platform.InvalidInputException.FieldError;

/**
 * Scores answers to an instrument exactly as its definition says. Pure: answers in, score
 * out. An answer is an item's score, or {@code null} when the item was not answered.
 */
public final class Scoring {

	private Scoring() {
	}

	/**
	 * What is wrong with these answers, each problem named by the field
	 * {@code answers[i]} (0-based, as in the request body) and the item it belongs to;
	 * empty when they can be scored.
	 */
	public static List<FieldError> problems(Instrument instrument, List<Integer> answers) {
		if (answers == null) {
			return List.of(new FieldError("answers", "is required: one answer per item, null for an unanswered item"));
		}
		if (answers.size() != instrument.items().size()) {
			return List
				.of(new FieldError("answers", "must have " + instrument.items().size() + " answers, one per item of "
						+ instrument.code() + " in order (null for an unanswered item), but has " + answers.size()));
		}
		List<FieldError> problems = new ArrayList<>();
		for (int index = 0; index < answers.size(); index++) {
			Integer answer = answers.get(index);
			Item item = instrument.items().get(index);
			List<Integer> allowed = instrument.optionsOf(item).stream().map(AnswerOption::score).toList();
			if (answer != null && !allowed.contains(answer)) {
				problems.add(new FieldError("answers[" + index + "]",
						"item " + item.number() + " (" + item.text() + ") must be one of "
								+ allowed.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ", but is "
								+ answer));
			}
		}
		return problems;
	}

	/**
	 * The score of valid answers (see {@link #problems}).
	 * @throws IllegalArgumentException if the answers are not valid
	 */
	public static Score score(Instrument instrument, List<Integer> answers) {
		if (!problems(instrument, answers).isEmpty()) {
			throw new IllegalArgumentException("answers are not valid for " + instrument.code() + ": "
					+ problems(instrument, answers).get(0).message());
		}
		String riskLevel = riskLevel(instrument, answers);
		List<String> flags = instrument.safetyAlerts()
			.stream()
			.filter((rule) -> holds(rule.when(), answers, riskLevel))
			.map(SafetyRule::code)
			.toList();
		int missing = (int) instrument.items()
			.stream()
			.filter((item) -> answers.get(item.number() - 1) == null && asked(item, answers))
			.count();
		boolean complete = missing == 0;
		return switch (instrument.scoring().rule()) {
			case RISK_LEVEL -> new Score(null, complete ? riskLevel : null, complete, false, flags);
			case SUM -> sum(instrument, answers, missing, flags);
			case MAX_WITHIN_DOMAINS -> {
				if (!complete) {
					yield new Score(null, null, false, false, flags);
				}
				int total = 0;
				for (Domain domain : instrument.scoring().domains()) {
					total += domain.items().stream().mapToInt((number) -> answers.get(number - 1)).max().orElse(0);
				}
				yield scored(instrument, total, true, false, flags);
			}
		};
	}

	/** The description of the rule the instrument totals by, for people. */
	public static String describe(Instrument instrument) {
		return switch (instrument.scoring().rule()) {
			case SUM -> "Sum of the " + instrument.items().size() + " item scores (" + instrument.range().min() + "–"
					+ instrument.range().max() + ")";
			case MAX_WITHIN_DOMAINS -> "Highest item score within each of " + instrument.scoring().domains().size()
					+ " domains, summed (" + instrument.range().min() + "–" + instrument.range().max() + ")";
			case RISK_LEVEL -> "Risk level: " + String.join(", ", instrument.riskLevels().levels());
		};
	}

	private static Score sum(Instrument instrument, List<Integer> answers, int missing, List<String> flags) {
		int answeredSum = answers.stream().filter(Objects::nonNull).mapToInt(Integer::intValue).sum();
		if (missing == 0) {
			return scored(instrument, answeredSum, true, false, flags);
		}
		if (instrument.proration() != null && missing <= instrument.proration().maximumMissingItems()) {
			int itemCount = instrument.items().size();
			int answered = itemCount - missing;
			int estimate = BigDecimal.valueOf((long) answeredSum * itemCount)
				.divide(BigDecimal.valueOf(answered), 0, RoundingMode.HALF_UP)
				.intValueExact();
			return scored(instrument, estimate, false, true, flags);
		}
		return new Score(null, null, false, false, flags);
	}

	private static Score scored(Instrument instrument, int total, boolean complete, boolean prorated,
			List<String> flags) {
		String severity = instrument.bandOf(total).map(Instrument.Band::label).orElse(null);
		return new Score(total, severity, complete, prorated, flags);
	}

	/**
	 * The risk level the answers given reach, unanswered items counting as not met: for
	 * an incomplete screener this is the lowest level it can have, which is what safety
	 * rules need.
	 */
	static String riskLevel(Instrument instrument, List<Integer> answers) {
		if (instrument.riskLevels() == null) {
			return null;
		}
		for (RiskRule rule : instrument.riskLevels().rules()) {
			if (holds(rule.when(), answers, null)) {
				return rule.level();
			}
		}
		return instrument.riskLevels().levels().get(0);
	}

	static boolean asked(Item item, List<Integer> answers) {
		// An item whose condition cannot be judged yet (its controlling item is
		// unanswered) counts as asked, so that such answers are never complete.
		return item.askedIf().stream().allMatch((condition) -> {
			Integer controlling = answers.get(condition.item() - 1);
			return controlling == null || controlling >= condition.atLeast();
		});
	}

	private static boolean holds(List<List<Condition>> alternatives, List<Integer> answers, String riskLevel) {
		return alternatives.stream()
			.anyMatch(
					(conditions) -> conditions.stream().allMatch((condition) -> holds(condition, answers, riskLevel)));
	}

	private static boolean holds(Condition condition, List<Integer> answers, String riskLevel) {
		if (condition.item() != null) {
			Integer answer = answers.get(condition.item() - 1);
			return answer != null && answer >= condition.atLeast();
		}
		return riskLevel != null && condition.riskLevelIn().contains(riskLevel);
	}

}
