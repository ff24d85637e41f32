package org.ketacare.clinic;

import java.math.BigDecimal;

/**
 * A number or switch a clinic may set for itself, with the default it starts from and
 * where that default comes from. Every clinical number in KetaCare is one of these, never
 * a constant in code.
 *
 * @param key the stable name code reads it by, such as
 * {@code infusion.dose.default-mg-per-kg}
 * @param group the heading it is shown under
 * @param label what it is, in words
 * @param type the kind of value
 * @param defaultValue the value in force until the clinic changes it
 * @param unit the unit of the value as people write it (mmHg, mg/kg), or empty
 * @param source where the default comes from
 * @param clinical whether a change needs a physician's signature before it is in force
 * @param minimum the lowest allowed value, or {@code null}
 * @param maximum the highest allowed value, or {@code null}
 */
public record SettingDefinition(String key, String group, String label, SettingType type, String defaultValue,
		String unit, String source, boolean clinical, BigDecimal minimum, BigDecimal maximum) {

	public SettingDefinition {
		if (key == null || !key.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+")) {
			throw new IllegalArgumentException("setting key must be dotted lowercase words: " + key);
		}
		defaultValue = type.normalise(defaultValue);
		if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
			throw new IllegalArgumentException(key + ": minimum is above maximum");
		}
		String problem = rangeProblem(type, defaultValue, minimum, maximum);
		if (problem != null) {
			throw new IllegalArgumentException(key + ": default " + problem);
		}
	}

	public static SettingDefinition clinicalNumber(String key, String group, String label, SettingType type,
			String defaultValue, String unit, String minimum, String maximum, String source) {
		return new SettingDefinition(key, group, label, type, defaultValue, unit, source, true, decimal(minimum),
				decimal(maximum));
	}

	public static SettingDefinition preference(String key, String group, String label, SettingType type,
			String defaultValue, String unit, String minimum, String maximum, String source) {
		return new SettingDefinition(key, group, label, type, defaultValue, unit, source, false, decimal(minimum),
				decimal(maximum));
	}

	/**
	 * The stored form of {@code text} for this setting.
	 * @throws IllegalArgumentException naming the rule it breaks
	 */
	public String parse(String text) {
		String value = this.type.normalise(text);
		String problem = rangeProblem(this.type, value, this.minimum, this.maximum);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
		return value;
	}

	/**
	 * The allowed range in words, such as "0.1 to 1 mg/kg", or empty when any value of
	 * the type is allowed.
	 */
	public String rangeText() {
		String unitText = this.unit.isEmpty() ? "" : " " + this.unit;
		if (this.minimum != null && this.maximum != null) {
			return this.minimum.toPlainString() + " to " + this.maximum.toPlainString() + unitText;
		}
		if (this.minimum != null) {
			return "at least " + this.minimum.toPlainString() + unitText;
		}
		if (this.maximum != null) {
			return "at most " + this.maximum.toPlainString() + unitText;
		}
		return "";
	}

	private static String rangeProblem(SettingType type, String value, BigDecimal minimum, BigDecimal maximum) {
		if (type == SettingType.BOOLEAN) {
			return null;
		}
		BigDecimal number = new BigDecimal(value);
		if (minimum != null && number.compareTo(minimum) < 0) {
			return "must be at least " + minimum.toPlainString();
		}
		if (maximum != null && number.compareTo(maximum) > 0) {
			return "must be at most " + maximum.toPlainString();
		}
		return null;
	}

	private static BigDecimal decimal(String text) {
		return (text != null) ? new BigDecimal(text) : null;
	}

}
