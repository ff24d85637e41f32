package org.ketacare.patient;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.ketacare.platform.InvalidInputException;

/**
 * Collects every broken rule of one input before anything is written, so that the caller
 * sees them all at once.
 */
final class FieldErrors {

	private static final Pattern PHONE = Pattern.compile("[0-9+()./ x-]{5,40}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private final List<InvalidInputException.FieldError> errors = new ArrayList<>();

	void add(String field, String message) {
		this.errors.add(new InvalidInputException.FieldError(field, message));
	}

	/** The text stripped, or {@code null} when blank; names the field when too long. */
	String optional(String field, String value, int maxLength) {
		String text = (value != null) ? value.strip() : "";
		if (text.isEmpty()) {
			return null;
		}
		if (text.length() > maxLength) {
			add(field, "must be at most " + maxLength + " characters");
		}
		return text;
	}

	String required(String field, String value, int maxLength) {
		String text = optional(field, value, maxLength);
		if (text == null) {
			add(field, "is required");
		}
		return text;
	}

	String phone(String field, String value) {
		String text = optional(field, value, 40);
		if (text != null && !PHONE.matcher(text).matches()) {
			add(field, "must be a phone number such as +1 555 010 0199");
		}
		return text;
	}

	String email(String field, String value) {
		String text = optional(field, value, 200);
		if (text != null && !EMAIL.matcher(text).matches()) {
			add(field, "must be an email address such as name@example.org");
		}
		return text;
	}

	BigDecimal quantity(String field, BigDecimal value, String minimum, String maximum, String unit) {
		if (value == null) {
			add(field, "is required");
			return null;
		}
		if (value.compareTo(new BigDecimal(minimum)) < 0 || value.compareTo(new BigDecimal(maximum)) > 0) {
			add(field, "must be between " + minimum + " and " + maximum + " " + unit);
		}
		else if (value.stripTrailingZeros().scale() > 1) {
			add(field, "must have at most one decimal");
		}
		return value;
	}

	void throwIfAny() {
		if (!this.errors.isEmpty()) {
			throw new InvalidInputException(this.errors);
		}
	}

}
