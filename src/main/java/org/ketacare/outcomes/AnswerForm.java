package org.ketacare.outcomes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ketacare.platform.InvalidInputException.FieldError;

/**
 * Answers as a form posts them: one radio group {@code item-1}, {@code item-2}, … per
 * item. Shared by the staff entry page and the patient's link page.
 */
final class AnswerForm {

	private AnswerForm() {
	}

	/** The answers in item order; {@code null} for an item left blank. */
	static List<Integer> answers(Instrument instrument, Map<String, String> params, Map<String, String> errors) {
		List<Integer> answers = new ArrayList<>();
		for (Instrument.Item item : instrument.items()) {
			String value = params.getOrDefault("item-" + item.number(), "").strip();
			if (value.isEmpty()) {
				answers.add(null);
				continue;
			}
			try {
				answers.add(Integer.valueOf(value));
			}
			catch (NumberFormatException ex) {
				errors.putIfAbsent(fieldOf(item.number() - 1), "must be one of the answers shown");
				answers.add(null);
			}
		}
		return answers;
	}

	/** The form field of an answer error ({@code answers[3]} → {@code item-4}). */
	static String fieldOf(int index) {
		return "item-" + (index + 1);
	}

	/** Field errors of a service, keyed by form field. */
	static Map<String, String> errors(List<FieldError> problems) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (FieldError problem : problems) {
			String field = problem.field();
			if (field.matches("answers\\[\\d+]")) {
				field = fieldOf(Integer.parseInt(field.substring(8, field.length() - 1)));
			}
			errors.putIfAbsent(field, problem.message());
		}
		return errors;
	}

	/** The answers by form field, for re-showing a form. */
	static Map<String, Integer> chosen(List<Integer> answers) {
		Map<String, Integer> chosen = new LinkedHashMap<>();
		for (int index = 0; index < answers.size(); index++) {
			if (answers.get(index) != null) {
				chosen.put(fieldOf(index), answers.get(index));
			}
		}
		return chosen;
	}

}
