package org.ketacare.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.ketacare.platform.InvalidInputException;

/**
 * Milligrams and millilitres as the ledger keeps them: exact decimals with three places.
 */
final class Quantities {

	static final int SCALE = 3;

	private static final BigDecimal MAXIMUM_MG = new BigDecimal("1000000");

	private Quantities() {
	}

	/**
	 * A positive quantity typed in by a person or sent by a client.
	 * @throws InvalidInputException naming {@code field} when it is missing, not
	 * positive, too precise or too large
	 */
	static BigDecimal positive(String field, BigDecimal value, String unit) {
		if (value == null) {
			throw new InvalidInputException(field, "is required");
		}
		if (value.signum() <= 0) {
			throw new InvalidInputException(field, "must be more than 0 " + unit);
		}
		if (value.stripTrailingZeros().scale() > SCALE) {
			throw new InvalidInputException(field, "must have at most " + SCALE + " decimal places");
		}
		if (value.compareTo(MAXIMUM_MG) > 0) {
			throw new InvalidInputException(field, "must be at most " + MAXIMUM_MG.toPlainString() + " " + unit);
		}
		return value.setScale(SCALE, RoundingMode.UNNECESSARY);
	}

	/** Reads a typed-in number, naming the field when it is not one. */
	static BigDecimal parse(String field, String text) {
		String value = (text != null) ? text.strip() : "";
		if (value.isEmpty()) {
			throw new InvalidInputException(field, "is required");
		}
		try {
			return new BigDecimal(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(field, "must be a number such as 12.5");
		}
	}

	/**
	 * The volume that holds {@code mg} at the given concentration, to the nearest
	 * microlitre.
	 */
	static BigDecimal millilitres(BigDecimal mg, BigDecimal concentrationMgPerMl) {
		return mg.divide(concentrationMgPerMl, SCALE, RoundingMode.HALF_UP);
	}

	/** The milligrams in {@code ml} at the given concentration. */
	static BigDecimal milligrams(BigDecimal ml, BigDecimal concentrationMgPerMl) {
		return ml.multiply(concentrationMgPerMl).setScale(SCALE, RoundingMode.HALF_UP);
	}

	/** "12.5 mg": without trailing zeros, for messages. */
	static String mg(BigDecimal value) {
		return plain(value) + " mg";
	}

	static String ml(BigDecimal value) {
		return plain(value) + " mL";
	}

	static String plain(BigDecimal value) {
		return (value.signum() == 0) ? "0" : value.stripTrailingZeros().toPlainString();
	}

}
