package org.ketacare.patient;

import java.util.Locale;
import java.util.Optional;

/**
 * Sex recorded at birth, as the API names it ({@code female}, {@code male},
 * {@code other}).
 */
public enum SexAtBirth {

	FEMALE("Female"), MALE("Male"), OTHER("Other");

	private final String label;

	SexAtBirth(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	/** The lowercase name used in the API and forms. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<SexAtBirth> fromCode(String code) {
		for (SexAtBirth value : values()) {
			if (value.code().equalsIgnoreCase(code.strip())) {
				return Optional.of(value);
			}
		}
		return Optional.empty();
	}

}
