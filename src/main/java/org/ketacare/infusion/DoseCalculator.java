package org.ketacare.infusion;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The dose arithmetic, exact in decimals, with the rounding stated: weights and BMI to
 * 0.1 (kg, kg/m²), the dose to 0.1 mg, the rate to 0.01 mg/h, the bag's concentration to
 * 0.0001 mg/mL and the pump rate to 0.1 mL/h — each HALF_UP, and each computed from the
 * unrounded values before it except the rates, which follow from the rounded dose (the
 * dose the physician signs is what the pump must deliver).
 *
 * <p>
 * Ideal body weight: Devine 1974 (Drug Intell Clin Pharm 8:650), 50 kg (men) or 45.5 kg
 * (women) + 2.3 kg per inch over 5 feet. Adjusted body weight: ideal + factor × (actual −
 * ideal), factor 0.4 by default (Pai &amp; Paloucek 2000, Ann Pharmacother 34:1066).
 */
final class DoseCalculator {

	static final BigDecimal CM_PER_INCH = new BigDecimal("2.54");

	static final BigDecimal INCHES_IN_FIVE_FEET = new BigDecimal("60");

	static final BigDecimal DEVINE_MALE_KG = new BigDecimal("50");

	static final BigDecimal DEVINE_FEMALE_KG = new BigDecimal("45.5");

	static final BigDecimal DEVINE_KG_PER_INCH = new BigDecimal("2.3");

	private static final BigDecimal SIXTY = new BigDecimal("60");

	private static final MathContext EXACT_ENOUGH = MathContext.DECIMAL128;

	private DoseCalculator() {
	}

	/** Sex at birth as the Devine formula needs it. */
	enum Sex {

		MALE, FEMALE, UNKNOWN

	}

	/**
	 * What a dose is computed from.
	 *
	 * @param bmiThreshold ideal or adjusted weight is used only at or above this BMI
	 * @param adjustedFactor the fraction of the excess over ideal weight that counts
	 * @param bagVolumeMl the volume the dose is diluted into
	 */
	record Input(BigDecimal mgPerKg, WeightBasis basis, BigDecimal actualWeightKg, BigDecimal heightCm, Sex sex,
			BigDecimal bmiThreshold, BigDecimal adjustedFactor, int durationMinutes, BigDecimal bagVolumeMl) {
	}

	/** The computed order, with each step of the arithmetic written out. */
	record Dose(BigDecimal basisWeightKg, BigDecimal bmi, BigDecimal doseMg, BigDecimal rateMgPerHour,
			BigDecimal concentrationMgPerMl, BigDecimal rateMlPerHour, List<String> arithmetic) {
	}

	/** A weight basis the patient's measurements do not allow. */
	static final class BasisNotAllowed extends RuntimeException {

		BasisNotAllowed(String message) {
			super(message);
		}

	}

	static Dose compute(Input in) {
		List<String> steps = new ArrayList<>();
		BigDecimal actual = in.actualWeightKg();
		BigDecimal weight = actual;
		BigDecimal bmi = null;
		if (in.heightCm() != null) {
			bmi = bmi(actual, in.heightCm());
			steps.add("BMI = " + plain(actual) + " kg / (" + plain(in.heightCm()) + " cm / 100)² = " + plain(bmi)
					+ " kg/m²");
		}
		if (in.basis() != WeightBasis.ACTUAL) {
			if (in.heightCm() == null) {
				throw new BasisNotAllowed("needs the patient's height: none is recorded");
			}
			if (bmi.compareTo(in.bmiThreshold()) < 0) {
				throw new BasisNotAllowed("is used only at a BMI of " + plain(in.bmiThreshold())
						+ " or more; the patient's is " + plain(bmi));
			}
			if (in.sex() == Sex.UNKNOWN) {
				throw new BasisNotAllowed("needs sex at birth male or female for the Devine formula");
			}
			BigDecimal ideal = idealWeight(in.heightCm(), in.sex());
			steps.add("Ideal body weight (Devine) = "
					+ plain((in.sex() == Sex.MALE) ? DEVINE_MALE_KG : DEVINE_FEMALE_KG) + " + 2.3 × ("
					+ plain(in.heightCm()) + " cm / 2.54 − 60 in) = " + plain(scale1(ideal)) + " kg");
			if (in.basis() == WeightBasis.IDEAL) {
				weight = ideal.min(actual);
			}
			else {
				BigDecimal adjusted = ideal.add(in.adjustedFactor().multiply(actual.subtract(ideal)));
				steps.add("Adjusted body weight = " + plain(scale1(ideal)) + " + " + plain(in.adjustedFactor()) + " × ("
						+ plain(actual) + " − " + plain(scale1(ideal)) + ") = " + plain(scale1(adjusted)) + " kg");
				weight = adjusted.min(actual);
			}
		}
		BigDecimal basisWeight = scale1(weight);
		steps.add("Weight basis " + in.basis().code() + ": " + plain(basisWeight) + " kg");
		BigDecimal dose = in.mgPerKg().multiply(basisWeight).setScale(1, RoundingMode.HALF_UP);
		steps.add("Dose = " + plain(in.mgPerKg()) + " mg/kg × " + plain(basisWeight) + " kg = " + plain(dose)
				+ " mg (0.1 mg, half up)");
		BigDecimal minutes = BigDecimal.valueOf(in.durationMinutes());
		BigDecimal rate = dose.multiply(SIXTY).divide(minutes, 2, RoundingMode.HALF_UP);
		steps.add("Rate = " + plain(dose) + " mg × 60 / " + in.durationMinutes() + " min = " + plain(rate) + " mg/h");
		BigDecimal concentration = dose.divide(in.bagVolumeMl(), 4, RoundingMode.HALF_UP);
		steps.add("Concentration = " + plain(dose) + " mg / " + plain(in.bagVolumeMl()) + " mL = "
				+ plain(concentration) + " mg/mL");
		BigDecimal mlPerHour = in.bagVolumeMl().multiply(SIXTY).divide(minutes, 1, RoundingMode.HALF_UP);
		steps.add("Pump = " + plain(in.bagVolumeMl()) + " mL × 60 / " + in.durationMinutes() + " min = "
				+ plain(mlPerHour) + " mL/h");
		return new Dose(basisWeight, bmi, dose, rate, concentration, mlPerHour, List.copyOf(steps));
	}

	static BigDecimal bmi(BigDecimal weightKg, BigDecimal heightCm) {
		BigDecimal metres = heightCm.divide(new BigDecimal("100"), EXACT_ENOUGH);
		return weightKg.divide(metres.multiply(metres), EXACT_ENOUGH).setScale(1, RoundingMode.HALF_UP);
	}

	/** Devine ideal body weight, unrounded. */
	static BigDecimal idealWeight(BigDecimal heightCm, Sex sex) {
		BigDecimal inchesOverFiveFeet = heightCm.divide(CM_PER_INCH, EXACT_ENOUGH).subtract(INCHES_IN_FIVE_FEET);
		BigDecimal base = (sex == Sex.MALE) ? DEVINE_MALE_KG : DEVINE_FEMALE_KG;
		return base.add(DEVINE_KG_PER_INCH.multiply(inchesOverFiveFeet));
	}

	static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	private static BigDecimal scale1(BigDecimal value) {
		return value.setScale(1, RoundingMode.HALF_UP);
	}

}
