package org.ketacare.ledger;

import java.util.ArrayList;
import java.util.List;

import org.ketacare.platform.InvalidInputException;

/**
 * Collects every problem of one input before anything is written, so that a person sees
 * them all at once.
 */
final class FieldErrors {

	private final List<InvalidInputException.FieldError> errors = new ArrayList<>();

	void add(String field, String message) {
		this.errors.add(new InvalidInputException.FieldError(field, message));
	}

	/**
	 * Checks a required text of at most {@code maxLength} characters and returns it
	 * stripped.
	 */
	String text(String field, String value, int maxLength) {
		String text = (value != null) ? value.strip() : "";
		if (text.isEmpty()) {
			add(field, "is required");
		}
		else if (text.length() > maxLength) {
			add(field, "must be at most " + maxLength + " characters");
		}
		return text;
	}

	<T> T required(String field, T value) {
		if (value == null) {
			add(field, "is required");
		}
		return value;
	}

	/**
	 * Runs a check that throws {@link InvalidInputException}, keeping its errors with the
	 * others.
	 */
	<T> T check(java.util.function.Supplier<T> check) {
		try {
			return check.get();
		}
		catch (InvalidInputException ex) {
			this.errors.addAll(ex.errors());
			return null;
		}
	}

	List<InvalidInputException.FieldError> list() {
		return List.copyOf(this.errors);
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
