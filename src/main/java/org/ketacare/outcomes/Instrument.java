package org.ketacare.outcomes;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A questionnaire or rating scale as data: its items and answer options with their
 * scores, how a total is formed, what the totals mean, and which answers need a physician
 * at once. Read from a definition file ({@code instruments/*.json}); a clinic adds an
 * instrument by adding such a file. {@link InstrumentDefinitions} checks every definition
 * before it is used.
 *
 * @param code the short name the API and the records use, such as {@code PHQ-9}
 * @param name the full name
 * @param measures what it measures, in words
 * @param respondent who answers it
 * @param instructions what the person answering is told, or {@code null}
 * @param source where the items, cut-offs and codes come from
 * @param loincPanel the LOINC code of the panel, or {@code null} where none exists
 * @param loincTotal the LOINC code of the total score, or {@code null}
 * @param range the lowest and highest total the definition declares (checked against the
 * items)
 * @param options the answer options of every item that does not list its own
 * @param items the items in the order they are asked and answered
 * @param scoring how the total is formed
 * @param proration whether and how a total is estimated from an incomplete set of
 * answers; {@code null} means never
 * @param bands the severity bands of the total, covering the whole range; empty when the
 * instrument has none
 * @param riskLevels the risk levels of a {@code risk-level} instrument, or {@code null}
 * @param response what counts as a response, or {@code null} when the instrument defines
 * none
 * @param remission what counts as remission, or {@code null}
 * @param safetyAlerts answers that raise an urgent alert for the clinic's physicians
 */
public record Instrument(String code, String name, String measures, Respondent respondent, String instructions,
		String source, String loincPanel, String loincTotal, Range range, List<AnswerOption> options, List<Item> items,
		Scoring scoring, Proration proration, List<Band> bands, RiskLevels riskLevels, Response response,
		Remission remission, List<SafetyRule> safetyAlerts) {

	public Instrument {
		options = (options != null) ? List.copyOf(options) : List.of();
		items = (items != null) ? List.copyOf(items) : List.of();
		bands = (bands != null) ? List.copyOf(bands) : List.of();
		safetyAlerts = (safetyAlerts != null) ? List.copyOf(safetyAlerts) : List.of();
	}

	/** The answer options of the item with this number (1-based). */
	public List<AnswerOption> optionsOf(Item item) {
		return item.options().isEmpty() ? this.options : item.options();
	}

	public Item item(int number) {
		return this.items.get(number - 1);
	}

	/** Whether a total is formed; a risk-level instrument has a level instead. */
	@JsonIgnore
	public boolean hasTotal() {
		return this.scoring.rule() != Scoring.Rule.RISK_LEVEL;
	}

	/** The severity band that holds this total, if the instrument has bands. */
	public Optional<Band> bandOf(int total) {
		return this.bands.stream().filter((band) -> band.contains(total)).findFirst();
	}

	/** Who answers an instrument. */
	public enum Respondent {

		@JsonProperty("self")
		SELF("the patient"), @JsonProperty("clinician")
		CLINICIAN("a clinician"), @JsonProperty("self-or-clinician")
		SELF_OR_CLINICIAN("the patient or a clinician");

		private final String label;

		Respondent(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

	}

	/** The lowest and highest possible total. */
	public record Range(@JsonProperty(required = true) int min, @JsonProperty(required = true) int max) {
	}

	/**
	 * One answer a person can give, with its score.
	 *
	 * @param loinc the LOINC answer code, or {@code null}
	 */
	public record AnswerOption(@JsonProperty(required = true) int score, @JsonProperty(required = true) String label,
			String loinc) {
	}

	/**
	 * One question or rating.
	 *
	 * @param number its 1-based position
	 * @param text the question as it is asked
	 * @param loinc the LOINC code of the item, or {@code null}
	 * @param options its own answer options, or empty to use the instrument's
	 * @param askedIf conditions that must all hold for the item to be asked (a screener's
	 * skip rule); empty means always asked
	 */
	public record Item(@JsonProperty(required = true) int number, @JsonProperty(required = true) String text,
			String loinc, List<AnswerOption> options, List<Condition> askedIf) {

		public Item {
			options = (options != null) ? List.copyOf(options) : List.of();
			askedIf = (askedIf != null) ? List.copyOf(askedIf) : List.of();
		}

	}

	/**
	 * How a total is formed.
	 *
	 * @param domains for {@code max-within-domains}: the groups of items whose highest
	 * answer counts once
	 */
	public record Scoring(Rule rule, List<Domain> domains) {

		public Scoring {
			domains = (domains != null) ? List.copyOf(domains) : List.of();
		}

		public enum Rule {

			/** The total is the sum of the item scores. */
			@JsonProperty("sum")
			SUM,
			/** Each domain counts with its highest item score; the total is their sum. */
			@JsonProperty("max-within-domains")
			MAX_WITHIN_DOMAINS,
			/** No total: the answers give a risk level. */
			@JsonProperty("risk-level")
			RISK_LEVEL

		}

	}

	/** A group of items that counts once, with its highest score. */
	public record Domain(String name, List<Integer> items) {

		public Domain {
			items = (items != null) ? List.copyOf(items) : List.of();
		}

	}

	/**
	 * A total estimated from an incomplete set of answers: the sum of the answered items
	 * times the number of items over the number answered, rounded half up.
	 *
	 * @param maximumMissingItems how many items may be missing at most
	 */
	public record Proration(@JsonProperty(required = true) int maximumMissingItems) {
	}

	/** A severity band: totals from {@code min} to {@code max}, both included. */
	public record Band(@JsonProperty(required = true) int min, @JsonProperty(required = true) int max,
			@JsonProperty(required = true) String label) {

		public boolean contains(int total) {
			return total >= this.min && total <= this.max;
		}

	}

	/**
	 * A condition on the answers. Either {@code item} with {@code atLeast} (the item is
	 * answered with a score of at least that), or {@code riskLevelIn} (the risk level
	 * from the answers given is one of these).
	 */
	public record Condition(Integer item, Integer atLeast, List<String> riskLevelIn) {

		public Condition {
			riskLevelIn = (riskLevelIn != null) ? List.copyOf(riskLevelIn) : List.of();
		}

	}

	/**
	 * The risk levels of a screener, lowest first. The first rule whose conditions hold
	 * gives the level; when none holds, the level is the lowest.
	 */
	public record RiskLevels(List<String> levels, List<RiskRule> rules) {

		public RiskLevels {
			levels = (levels != null) ? List.copyOf(levels) : List.of();
			rules = (rules != null) ? List.copyOf(rules) : List.of();
		}

	}

	/**
	 * A level and when it applies.
	 *
	 * @param when alternatives, each a list of conditions that must all hold; any
	 * alternative suffices
	 */
	public record RiskRule(String level, List<List<Condition>> when) {

		public RiskRule {
			when = (when != null) ? when.stream().map(List::copyOf).toList() : List.of();
		}

	}

	/**
	 * A response: the total fell by at least this share of the baseline total.
	 */
	public record Response(@JsonProperty(required = true) int minimumReductionPercent) {
	}

	/** Remission: a total of at most this. */
	public record Remission(@JsonProperty(required = true) int maximumScore) {
	}

	/**
	 * Answers that need a physician now.
	 *
	 * @param code the flag the API returns and the alert carries, such as
	 * {@code SUICIDE_ITEM_POSITIVE}
	 * @param message what the physician reads
	 * @param when alternatives, each a list of conditions that must all hold
	 */
	public record SafetyRule(String code, String message, List<List<Condition>> when) {

		public SafetyRule {
			when = (when != null) ? when.stream().map(List::copyOf).toList() : List.of();
		}

	}

}
