package org.ketacare.clinic;

import java.math.BigDecimal;

/**
 * The kinds of value a clinic setting holds, and how a typed-in value is read.
 */
public enum SettingType {

	DECIMAL, INTEGER, BOOLEAN;

	/**
	 * The value in its stored form, or an explanation of why it is not one.
	 * @throws IllegalArgumentException with a message for the person who typed it
	 */
	String normalise(String text) {
		String value = (text != null) ? text.strip() : "";
		if (value.isEmpty()) {
			throw new IllegalArgumentException("is required");
		}
		return switch (this) {
			case DECIMAL -> {
				try {
					yield new BigDecimal(value).stripTrailingZeros().toPlainString();
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("must be a number such as 0.5");
				}
			}
			case INTEGER -> {
				try {
					yield Long.toString(Long.parseLong(value));
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("must be a whole number");
				}
			}
			case BOOLEAN -> {
				if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
					throw new IllegalArgumentException("must be true or false");
				}
				yield value.toLowerCase(java.util.Locale.ROOT);
			}
		};
	}

}
