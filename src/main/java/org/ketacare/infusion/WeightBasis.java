package org.ketacare.infusion;

import java.util.Locale;

/** Which weight a dose in mg/kg is multiplied by. */
public enum WeightBasis {

	/** The weight measured at check-in. */
	ACTUAL,
	/** Ideal body weight (Devine), for patients above the clinic's BMI threshold. */
	IDEAL,
	/**
	 * Adjusted body weight: ideal plus a fraction of the excess, above the BMI threshold.
	 */
	ADJUSTED;

	/** Parses "actual", "ideal" or "adjusted"; {@code null} for anything else. */
	static WeightBasis parse(String value) {
		if (value == null) {
			return null;
		}
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

}
