package org.ketacare.platform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.ketacare.platform.InvalidInputException.FieldError;

/**
 * Collects every broken rule of one input before anything is written, so that a person
 * sees them all at once; {@link #throwIfAny()} then refuses the input as a whole.
 */
public final class FieldErrors {

	private static final Pattern PHONE = Pattern.compile("[0-9+()./ x-]{5,40}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private final List<FieldError> errors = new ArrayList<>();

	public void add(String field, String message) {
		this.errors.add(new FieldError(field, message));
	}

	/** Required text, stripped, of at most {@code maxLength} characters. */
	public String text(String field, String value, int maxLength) {
		String text = optionalText(field, value, maxLength);
		if (text == null) {
			add(field, "is required");
		}
		return text;
	}

	/**
	 * Text stripped, or {@code null} when blank; names the field when it is too long.
	 */
	public String optionalText(String field, String value, int maxLength) {
		String text = (value != null) ? value.strip() : "";
		if (text.isEmpty()) {
			return null;
		}
		if (text.length() > maxLength) {
			add(field, "must be at most " + maxLength + " characters");
		}
		return text;
	}

	public <T> T required(String field, T value) {
		if (value == null) {
			add(field, "is required");
		}
		return value;
	}

	/**
	 * A required amount between {@code min} and {@code max} with at most
	 * {@code maxDecimals} decimals; {@code null} when it breaks a rule.
	 */
	public BigDecimal decimal(String field, BigDecimal value, BigDecimal min, BigDecimal max, String unit,
			int maxDecimals) {
		if (value == null) {
			add(field, "is required");
			return null;
		}
		if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			add(field, "must be between " + min.toPlainString() + " and " + max.toPlainString() + " " + unit);
			return null;
		}
		if (value.stripTrailingZeros().scale() > maxDecimals) {
			add(field, "must have at most " + maxDecimals + ((maxDecimals == 1) ? " decimal" : " decimals"));
			return null;
		}
		return value;
	}

	public String phone(String field, String value) {
		String text = optionalText(field, value, 40);
		if (text != null && !PHONE.matcher(text).matches()) {
			add(field, "must be a phone number such as +1 555 010 0199");
		}
		return text;
	}

	public String email(String field, String value) {
		String text = optionalText(field, value, 200);
		if (text != null && !EMAIL.matcher(text).matches()) {
			add(field, "must be an email address such as name@example.org");
		}
		return text;
	}

	/**
	 * Runs a check that throws {@link InvalidInputException}, keeping its errors with the
	 * others.
	 */
	public <T> T check(Supplier<T> check) {
		try {
			return check.get();
		}
		catch (InvalidInputException ex) {
			this.errors.addAll(ex.errors());
			return null;
		}
	}

	public List<FieldError> list() {
		return List.copyOf(this.errors);
	}

	public boolean isEmpty() {
		return this.errors.isEmpty();
	}

	public void throwIfAny() {
		if (!this.errors.isEmpty()) {
			throw new InvalidInputException(this.errors);
		}
	}

}
