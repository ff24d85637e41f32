package org.ketacare.outcomes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.ketacare.outcomes.Instrument.AnswerOption;
import org.ketacare.outcomes.Instrument.Band;
import org.ketacare.outcomes.Instrument.Condition;
import org.ketacare.outcomes.Instrument.Domain;
import org.ketacare.outcomes.Instrument.Item;
import org.ketacare.outcomes.Instrument.RiskRule;
import org.ketacare.outcomes.Instrument.SafetyRule;
import org.ketacare.outcomes.Instrument.Scoring.Rule;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an instrument definition and checks it completely, so that a broken definition
 * stops the application at start-up with every problem named, instead of scoring a
 * patient wrongly later.
 */
public final class InstrumentDefinitions {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final String LOINC = "\\d{1,7}-\\d";

	private static final String LOINC_ANSWER = "LA\\d{1,6}-\\d";

	private InstrumentDefinitions() {
	}

	/**
	 * The instrument the JSON text defines.
	 * @param origin where the text comes from, for the message
	 * @throws InvalidDefinitionException naming the origin and every problem found
	 */
	public static Instrument parse(String origin, String json) {
		Instrument instrument;
		try {
			instrument = JSON.readValue(json, Instrument.class);
		}
		catch (JacksonException ex) {
			throw new InvalidDefinitionException(origin,
					List.of(ex.getOriginalMessage() + " at " + ex.getPathReference()));
		}
		List<String> problems = problems(instrument);
		if (!problems.isEmpty()) {
			throw new InvalidDefinitionException(origin, problems);
		}
		return instrument;
	}

	/** Every rule the definition breaks, each naming its place in the file. */
	public static List<String> problems(Instrument instrument) {
		List<String> problems = new ArrayList<>();
		if (instrument.code() == null || !instrument.code().matches("[A-Z0-9][A-Za-z0-9-]{0,31}")) {
			problems
				.add("code: must be 1–32 letters, digits or hyphens starting with a capital or digit, such as PHQ-9");
		}
		required(problems, "name", instrument.name());
		required(problems, "measures", instrument.measures());
		required(problems, "source", instrument.source());
		if (instrument.respondent() == null) {
			problems.add("respondent: is required: self, clinician or self-or-clinician");
		}
		loinc(problems, "loincPanel", instrument.loincPanel());
		loinc(problems, "loincTotal", instrument.loincTotal());
		options(problems, "options", instrument.options());
		checkItems(problems, instrument);
		if (instrument.scoring() == null || instrument.scoring().rule() == null) {
			problems.add("scoring.rule: is required: sum, max-within-domains or risk-level");
			return problems;
		}
		if (!problems.isEmpty()) {
			// Totals, bands and rules are checked against the items, which must be sound
			// first.
			return problems;
		}
		checkScoring(problems, instrument);
		checkRules(problems, instrument);
		return problems;
	}

	private static void checkItems(List<String> problems, Instrument instrument) {
		if (instrument.items().isEmpty()) {
			problems.add("items: must list at least one item");
		}
		for (int index = 0; index < instrument.items().size(); index++) {
			Item item = instrument.items().get(index);
			String where = "items[" + index + "]";
			if (item.number() != index + 1) {
				problems.add(where + ".number: must be " + (index + 1) + ": items are numbered 1, 2, 3… in order");
			}
			required(problems, where + ".text", item.text());
			loinc(problems, where + ".loinc", item.loinc());
			if (item.options().isEmpty() && instrument.options().isEmpty()) {
				problems.add(where + ".options: the item has no answer options and the instrument lists none");
			}
			options(problems, where + ".options", item.options());
			for (int c = 0; c < item.askedIf().size(); c++) {
				Condition condition = item.askedIf().get(c);
				if (condition.item() == null || condition.atLeast() == null || !condition.riskLevelIn().isEmpty()
						|| condition.item() < 1 || condition.item() >= item.number()) {
					problems.add(where + ".askedIf[" + c + "]: must name an earlier item and an atLeast score");
				}
			}
		}
	}

	private static void checkScoring(List<String> problems, Instrument instrument) {
		Rule rule = instrument.scoring().rule();
		if (rule == Rule.MAX_WITHIN_DOMAINS) {
			Set<Integer> seen = new HashSet<>();
			for (int d = 0; d < instrument.scoring().domains().size(); d++) {
				Domain domain = instrument.scoring().domains().get(d);
				required(problems, "scoring.domains[" + d + "].name", domain.name());
				if (domain.items().isEmpty()) {
					problems.add("scoring.domains[" + d + "].items: must list at least one item");
				}
				for (Integer number : domain.items()) {
					if (number == null || number < 1 || number > instrument.items().size() || !seen.add(number)) {
						problems.add("scoring.domains[" + d + "].items: " + number
								+ " is not an item of the instrument, or is in two domains");
					}
				}
			}
			if (seen.size() != instrument.items().size() && problems.isEmpty()) {
				problems.add("scoring.domains: every item must belong to exactly one domain");
			}
		}
		else if (!instrument.scoring().domains().isEmpty()) {
			problems.add("scoring.domains: only the max-within-domains rule has domains");
		}
		if (rule == Rule.RISK_LEVEL) {
			checkRiskLevels(problems, instrument);
			for (String field : List.of("range", "bands", "proration", "response", "remission")) {
				boolean present = switch (field) {
					case "range" -> instrument.range() != null;
					case "bands" -> !instrument.bands().isEmpty();
					case "proration" -> instrument.proration() != null;
					case "response" -> instrument.response() != null;
					default -> instrument.remission() != null;
				};
				if (present) {
					problems.add(field + ": a risk-level instrument forms no total, so it has no " + field);
				}
			}
			return;
		}
		if (instrument.riskLevels() != null) {
			problems.add("riskLevels: only the risk-level rule has risk levels");
		}
		if (!problems.isEmpty()) {
			return;
		}
		int min = total(instrument, true);
		int max = total(instrument, false);
		if (instrument.range() == null) {
			problems.add("range: is required: {\"min\": " + min + ", \"max\": " + max + "} for these items");
			return;
		}
		if (instrument.range().min() != min || instrument.range().max() != max) {
			problems.add("range: declares " + instrument.range().min() + "–" + instrument.range().max()
					+ " but the items and scoring rule give " + min + "–" + max);
		}
		checkBands(problems, instrument, min, max);
		if (instrument.proration() != null) {
			if (rule != Rule.SUM) {
				problems.add("proration: only a sum can be prorated");
			}
			else if (instrument.proration().maximumMissingItems() < 1
					|| instrument.proration().maximumMissingItems() >= instrument.items().size()) {
				problems.add("proration.maximumMissingItems: must be from 1 to " + (instrument.items().size() - 1));
			}
		}
		if (instrument.response() != null && (instrument.response().minimumReductionPercent() < 1
				|| instrument.response().minimumReductionPercent() > 100)) {
			problems.add("response.minimumReductionPercent: must be from 1 to 100");
		}
		if (instrument.remission() != null
				&& (instrument.remission().maximumScore() < min || instrument.remission().maximumScore() > max)) {
			problems.add("remission.maximumScore: must be within the range " + min + "–" + max);
		}
	}

	private static void checkBands(List<String> problems, Instrument instrument, int min, int max) {
		List<Band> bands = instrument.bands();
		if (bands.isEmpty()) {
			return;
		}
		int expected = min;
		for (int b = 0; b < bands.size(); b++) {
			Band band = bands.get(b);
			required(problems, "bands[" + b + "].label", band.label());
			if (band.min() != expected || band.max() < band.min()) {
				problems.add("bands[" + b + "]: must start at " + expected + " and end at or above its start: bands "
						+ "are listed from the lowest, without gaps or overlaps");
				return;
			}
			expected = band.max() + 1;
		}
		if (expected != max + 1) {
			problems.add("bands: must end at the highest total, " + max + ", but end at " + (expected - 1));
		}
	}

	private static void checkRiskLevels(List<String> problems, Instrument instrument) {
		if (instrument.riskLevels() == null || instrument.riskLevels().levels().isEmpty()) {
			problems.add("riskLevels.levels: a risk-level instrument lists its levels, lowest first");
			return;
		}
		List<String> levels = instrument.riskLevels().levels();
		if (new HashSet<>(levels).size() != levels.size()
				|| levels.stream().anyMatch((l) -> l == null || l.isBlank())) {
			problems.add("riskLevels.levels: must be distinct names");
		}
		for (int r = 0; r < instrument.riskLevels().rules().size(); r++) {
			RiskRule rule = instrument.riskLevels().rules().get(r);
			String where = "riskLevels.rules[" + r + "]";
			if (!levels.contains(rule.level())) {
				problems.add(where + ".level: " + rule.level() + " is not one of " + levels);
			}
			conditions(problems, where + ".when", rule.when(), instrument, false);
		}
	}

	private static void checkRules(List<String> problems, Instrument instrument) {
		Set<String> codes = new HashSet<>();
		for (int s = 0; s < instrument.safetyAlerts().size(); s++) {
			SafetyRule rule = instrument.safetyAlerts().get(s);
			String where = "safetyAlerts[" + s + "]";
			if (rule.code() == null || !rule.code().matches("[A-Z][A-Z0-9_]{1,63}") || !codes.add(rule.code())) {
				problems.add(where + ".code: must be a distinct UPPER_SNAKE_CASE name such as SUICIDE_ITEM_POSITIVE");
			}
			required(problems, where + ".message", rule.message());
			conditions(problems, where + ".when", rule.when(), instrument, true);
		}
	}

	private static void conditions(List<String> problems, String where, List<List<Condition>> alternatives,
			Instrument instrument, boolean riskLevelAllowed) {
		if (alternatives.isEmpty() || alternatives.stream().anyMatch(List::isEmpty)) {
			problems.add(where + ": must list alternatives, each with at least one condition");
			return;
		}
		for (int a = 0; a < alternatives.size(); a++) {
			for (int c = 0; c < alternatives.get(a).size(); c++) {
				Condition condition = alternatives.get(a).get(c);
				String at = where + "[" + a + "][" + c + "]";
				boolean byItem = condition.item() != null;
				boolean byLevel = !condition.riskLevelIn().isEmpty();
				if (byItem == byLevel) {
					problems.add(at + ": must have either item and atLeast, or riskLevelIn");
				}
				else if (byItem && (condition.atLeast() == null || condition.item() < 1
						|| condition.item() > instrument.items().size())) {
					problems.add(at + ": item must be 1 to " + instrument.items().size() + ", with an atLeast score");
				}
				else if (byLevel && (!riskLevelAllowed || instrument.riskLevels() == null
						|| !instrument.riskLevels().levels().containsAll(condition.riskLevelIn()))) {
					problems.add(at + ".riskLevelIn: must name levels of this instrument's riskLevels");
				}
			}
		}
	}

	private static int total(Instrument instrument, boolean lowest) {
		if (instrument.scoring().rule() == Rule.MAX_WITHIN_DOMAINS) {
			return instrument.scoring()
				.domains()
				.stream()
				.mapToInt((domain) -> domain.items()
					.stream()
					.mapToInt((number) -> extreme(instrument, instrument.item(number), lowest))
					.reduce(lowest ? Integer.MAX_VALUE : Integer.MIN_VALUE, lowest ? Math::min : Math::max))
				.sum();
		}
		return instrument.items().stream().mapToInt((item) -> extreme(instrument, item, lowest)).sum();
	}

	private static int extreme(Instrument instrument, Item item, boolean lowest) {
		List<Integer> scores = instrument.optionsOf(item).stream().map(AnswerOption::score).toList();
		return lowest ? scores.stream().mapToInt(Integer::intValue).min().orElseThrow()
				: scores.stream().mapToInt(Integer::intValue).max().orElseThrow();
	}

	private static void options(List<String> problems, String where, List<AnswerOption> options) {
		Set<Integer> scores = new HashSet<>();
		for (int o = 0; o < options.size(); o++) {
			AnswerOption option = options.get(o);
			if (!scores.add(option.score())) {
				problems.add(where + "[" + o + "].score: " + option.score() + " is listed twice");
			}
			if (option.score() < 0) {
				problems.add(where + "[" + o + "].score: must not be negative");
			}
			required(problems, where + "[" + o + "].label", option.label());
			if (option.loinc() != null && !option.loinc().matches(LOINC_ANSWER)) {
				problems.add(where + "[" + o + "].loinc: must be a LOINC answer code such as LA6568-5");
			}
		}
	}

	private static void required(List<String> problems, String field, String value) {
		if (value == null || value.isBlank()) {
			problems.add(field + ": is required");
		}
	}

	private static void loinc(List<String> problems, String field, String value) {
		if (value != null && !value.matches(LOINC)) {
			problems.add(field + ": must be a LOINC code such as 44261-6");
		}
	}

	/** A definition that cannot be used, with every problem found in it. */
	public static class InvalidDefinitionException extends RuntimeException {

		private final List<String> problems;

		public InvalidDefinitionException(String origin, List<String> problems) {
			super("Instrument definition " + origin + " is invalid: " + String.join("; ", problems));
			this.problems = List.copyOf(problems);
		}

		public List<String> problems() {
			return this.problems;
		}

	}

}
