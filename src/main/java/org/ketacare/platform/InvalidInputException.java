package org.ketacare.platform;

import java.util.List;

/**
 * Input that breaks a rule, named by field, found by a service after form or body
 * validation passed. Nothing has been changed when it is thrown.
 */
public class InvalidInputException extends RuntimeException {

	private final List<FieldError> errors;

	public InvalidInputException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	public InvalidInputException(List<FieldError> errors) {
		super(errors.stream()
			.map((error) -> error.field() + ": " + error.message())
			.reduce((a, b) -> a + "; " + b)
			.orElse("invalid input"));
		this.errors = List.copyOf(errors);
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	public record FieldError(String field, String message) {
	}

}
