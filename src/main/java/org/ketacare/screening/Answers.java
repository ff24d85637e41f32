package org.ketacare.screening;

import java.util.Locale;
import java.util.Optional;

/**
 * The closed answers of a screening, each with the lowercase code the API and forms use.
 */
final class Answers {

	private Answers() {
	}

	/** The constant whose lowercase name is {@code code}, ignoring case and spaces. */
	static <E extends Enum<E>> Optional<E> fromCode(Class<E> type, String code) {
		String wanted = code.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
		for (E value : type.getEnumConstants()) {
			if (value.name().equals(wanted)) {
				return Optional.of(value);
			}
		}
		return Optional.empty();
	}

	static <E extends Enum<E>> String codes(Class<E> type) {
		StringBuilder text = new StringBuilder();
		for (E value : type.getEnumConstants()) {
			text.append((text.length() > 0) ? ", " : "").append(code(value));
		}
		return text.toString();
	}

	static String code(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	/** Whether and how heart disease affects the patient. */
	enum HeartDisease {

		NONE, STABLE, UNSTABLE

	}

	/** How an antidepressant trial ended. */
	enum TrialOutcome {

		NO_RESPONSE("no response"), PARTIAL_RESPONSE("partial response"), INTOLERANCE("stopped for intolerance"),
		RESPONSE("responded");

		private final String words;

		TrialOutcome(String words) {
			this.words = words;
		}

		String words() {
			return this.words;
		}

		boolean isFailure() {
			return this == NO_RESPONSE || this == PARTIAL_RESPONSE;
		}

	}

	/** How well the patient took the antidepressant as prescribed. */
	enum Adherence {

		GOOD, PARTIAL, POOR

	}

	/**
	 * How much the symptoms make work, home life and getting along with people difficult.
	 */
	enum FunctionalImpairment {

		NONE, SOMEWHAT, VERY, EXTREMELY

	}

	/** A kind of brain stimulation treatment. */
	enum BrainStimulation {

		ECT, TMS, OTHER

	}

}
