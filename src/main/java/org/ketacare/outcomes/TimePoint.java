package org.ketacare.outcomes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * When in the course a response was given: baseline, before or after infusion n, after
 * the induction course, at the one-month follow-up, or at a booster. Written as
 * {@code baseline}, {@code pre-infusion-3}, {@code post-infusion-3},
 * {@code post-induction}, {@code 1-month-follow-up} or {@code booster}.
 *
 * @param number the infusion number for {@code pre-infusion} and {@code post-infusion};
 * {@code null} otherwise
 */
public record TimePoint(Kind kind, Integer number) {

	/** The highest infusion number a time point can name. */
	static final int MAX_INFUSION = 99;

	public TimePoint {
		if (kind == null) {
			throw new IllegalArgumentException("a time point has a kind");
		}
		if (kind.numbered() != (number != null) || (number != null && (number < 1 || number > MAX_INFUSION))) {
			throw new IllegalArgumentException(kind.code() + (kind.numbered()
					? " needs an infusion number from 1 to " + MAX_INFUSION : " has no infusion number"));
		}
	}

	public static final TimePoint BASELINE = new TimePoint(Kind.BASELINE, null);

	public static final TimePoint POST_INDUCTION = new TimePoint(Kind.POST_INDUCTION, null);

	public static final TimePoint ONE_MONTH_FOLLOW_UP = new TimePoint(Kind.ONE_MONTH_FOLLOW_UP, null);

	/**
	 * The time point written as {@link #code()} gives it.
	 * @throws IllegalArgumentException saying which forms are allowed
	 */
	public static TimePoint parse(String text) {
		String value = (text != null) ? text.strip().toLowerCase(Locale.ROOT) : "";
		for (Kind kind : Kind.values()) {
			if (!kind.numbered() && value.equals(kind.code())) {
				return new TimePoint(kind, null);
			}
			if (kind.numbered() && value.matches(kind.code() + "-[1-9][0-9]?")) {
				return new TimePoint(kind, Integer.valueOf(value.substring(kind.code().length() + 1)));
			}
		}
		for (Kind kind : Kind.values()) {
			if (kind.numbered() && (value.equals(kind.code()) || value.startsWith(kind.code() + "-"))) {
				throw new IllegalArgumentException(kind.code() + " needs an infusion number from 1 to " + MAX_INFUSION
						+ ", such as " + kind.code() + "-2; time points are " + String.join(", ", forms()));
			}
		}
		throw new IllegalArgumentException("must be one of " + String.join(", ", forms()));
	}

	/** The allowed written forms, for messages and forms. */
	public static List<String> forms() {
		return Arrays.stream(Kind.values()).map((kind) -> kind.numbered() ? kind.code() + "-n" : kind.code()).toList();
	}

	@JsonValue
	public String code() {
		return (this.number != null) ? this.kind.code() + "-" + this.number : this.kind.code();
	}

	public String label() {
		return (this.number != null) ? this.kind.label() + " " + this.number : this.kind.label();
	}

	@Override
	public String toString() {
		return code();
	}

	/** The kinds of time point. */
	public enum Kind {

		BASELINE("baseline", "Baseline", false), PRE_INFUSION("pre-infusion", "Before infusion", true),
		POST_INFUSION("post-infusion", "After infusion", true),
		POST_INDUCTION("post-induction", "After the induction course", false),
		ONE_MONTH_FOLLOW_UP("1-month-follow-up", "One-month follow-up", false), BOOSTER("booster", "Booster", false);

		private final String code;

		private final String label;

		private final boolean numbered;

		Kind(String code, String label, boolean numbered) {
			this.code = code;
			this.label = label;
			this.numbered = numbered;
		}

		public String code() {
			return this.code;
		}

		public String label() {
			return this.label;
		}

		public boolean numbered() {
			return this.numbered;
		}

	}

}
