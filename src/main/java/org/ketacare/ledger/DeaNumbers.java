package org.ketacare.ledger;

/**
 * DEA registration numbers: two letters and seven digits, the last a check digit (the sum
 * of digits 1, 3 and 5 plus twice the sum of digits 2, 4 and 6 ends in it). Catches most
 * typing errors before a receipt or inventory is kept.
 */
final class DeaNumbers {

	private DeaNumbers() {
	}

	/** The number in its stored form: upper case, without spaces. */
	static String normalise(String text) {
		return (text != null) ? text.replaceAll("\\s", "").toUpperCase(java.util.Locale.ROOT) : "";
	}

	/**
	 * What is wrong with {@code number}, or {@code null} when it is a well-formed DEA
	 * number.
	 */
	static String problem(String number) {
		if (number.isEmpty()) {
			return "is required";
		}
		if (!number.matches("[A-Z][A-Z9][0-9]{7}")) {
			return "must be two letters and seven digits, such as AB1234563";
		}
		int[] digits = number.substring(2).chars().map((c) -> c - '0').toArray();
		int sum = digits[0] + digits[2] + digits[4] + 2 * (digits[1] + digits[3] + digits[5]);
		if (sum % 10 != digits[6]) {
			return "has a wrong check digit; check the number on the DEA registration";
		}
		return null;
	}

}
