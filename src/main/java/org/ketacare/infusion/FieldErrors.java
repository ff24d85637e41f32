package org.ketacare.infusion;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.InvalidInputException.FieldError;

/**
 * Collects every problem of one input before anything is written, then throws them
 * together.
 */
final class FieldErrors {

	private final List<FieldError> errors = new ArrayList<>();

	void add(String field, String message) {
		this.errors.add(new FieldError(field, message));
	}

	/** Trimmed text of at most {@code max} characters, required. */
	String text(String field, String value, int max) {
		String text = optionalText(field, value, max);
		if (text == null && this.errors.stream().noneMatch((e) -> e.field().equals(field))) {
			add(field, "is required");
		}
		return text;
	}

	/** Trimmed text of at most {@code max} characters, or {@code null} when blank. */
	String optionalText(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		if (text.length() > max) {
			add(field, "must be at most " + max + " characters");
			return null;
		}
		return text;
	}

	BigDecimal decimal(String field, BigDecimal value, BigDecimal min, BigDecimal max, String unit) {
		if (value == null) {
			add(field, "is required");
			return null;
		}
		if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			add(field, "must be between " + min.toPlainString() + " and " + max.toPlainString() + " " + unit);
			return null;
		}
		if (value.scale() > 2) {
			add(field, "must have at most 2 decimals");
			return null;
		}
		return value;
	}

	boolean isEmpty() {
		return this.errors.isEmpty();
	}

	void throwIfAny() {
		if (!this.errors.isEmpty()) {
			throw new InvalidInputException(this.errors);
		}
	}

}
