package org.ketacare.patient;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One dated weight and height of a patient. Doses are calculated from the latest one.
 *
 * @param weightKg weight in kilograms, one decimal
 * @param heightCm height in centimetres, one decimal
 * @param recordedByName who entered it
 */
public record Measurement(UUID id, LocalDate measuredOn, BigDecimal weightKg, BigDecimal heightCm,
		String recordedByName, Instant recordedAt) {

	/** Body-mass index in kg/m², one decimal. */
	public BigDecimal bmi() {
		BigDecimal metres = this.heightCm.movePointLeft(2);
		return this.weightKg.divide(metres.multiply(metres), 1, RoundingMode.HALF_UP);
	}

}
