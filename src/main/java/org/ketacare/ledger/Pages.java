package org.ketacare.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.platform.FieldErrors;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.RuleViolationException;

/**
 * What the ledger's pages share: turning a refused change into the errors shown next to
 * the fields, with the status that says why, and reading typed-in values without losing
 * the field's name.
 */
final class Pages {

	/**
	 * The key under which a refusal that belongs to no single field is shown above the
	 * form.
	 */
	static final String FORM = "form";

	private Pages() {
	}

	/**
	 * The errors of a refused change, by field, and the response status set to match: 400
	 * for bad input, 409 for a clash with the stock's state, 422 for a broken rule.
	 */
	static Map<String, String> errors(RuntimeException refusal, HttpServletResponse response) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (refusal instanceof InvalidInputException invalid) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			invalid.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
		}
		else if (refusal instanceof ConflictException) {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			errors.put(FORM, refusal.getMessage());
		}
		else if (refusal instanceof RuleViolationException) {
			response.setStatus(422);
			errors.put(FORM, refusal.getMessage());
		}
		else {
			throw refusal;
		}
		return errors;
	}

	static BigDecimal decimal(String field, String text) {
		return Quantities.parse(field, text);
	}

	static BigDecimal optionalDecimal(FieldErrors errors, String field, String text) {
		if (text == null || text.isBlank()) {
			errors.add(field, "is required");
			return null;
		}
		return errors.check(() -> Quantities.parse(field, text));
	}

	static LocalDate date(FieldErrors errors, String field, String text, boolean required) {
		if (text == null || text.isBlank()) {
			if (required) {
				errors.add(field, "is required");
			}
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			errors.add(field, "must be a date such as 2026-03-02");
			return null;
		}
	}

	static UUID uuid(FieldErrors errors, String field, String text, boolean required) {
		if (text == null || text.isBlank()) {
			if (required) {
				errors.add(field, "is required");
			}
			return null;
		}
		try {
			return UUID.fromString(text.strip());
		}
		catch (IllegalArgumentException ex) {
			errors.add(field, "must be a reference such as 3f2b6c1e-8d4a-4b7e-9c1f-2a5d7e9b0c13");
			return null;
		}
	}

}
