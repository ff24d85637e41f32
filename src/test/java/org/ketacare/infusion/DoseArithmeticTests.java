package org.ketacare.infusion;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketacare.infusion.DoseCalculator.Sex;
import org.ketacare.infusion.InfusionTimeline.Event;
import org.ketacare.infusion.InfusionTimeline.Kind;
import org.quicktheories.core.Gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Dose, rate and weight-basis arithmetic, alarms and the timeline: table-driven and
 * property-based.
 */
class DoseArithmeticTests {

	private static final BigDecimal BMI_30 = new BigDecimal("30");

	private static final BigDecimal FACTOR = new BigDecimal("0.4");

	private static final BigDecimal BAG = new BigDecimal("100");

	private static final Alarms.Thresholds DEFAULT_ALARMS = new Alarms.Thresholds(180, 100, 110, 50, 92);

	@ParameterizedTest
	@CsvSource({
			// mg/kg, basis, kg, cm, sex, minutes → basis kg, dose mg, mg/h, mL/h, mg/mL
			"0.5, ACTUAL, 80, 180, MALE, 40, 80.0, 40.0, 60.00, 150.0, 0.4000",
			"0.5, ACTUAL, 72.35, 170, FEMALE, 40, 72.4, 36.2, 54.30, 150.0, 0.3620",
			"0.75, ACTUAL, 63.3, 160, FEMALE, 45, 63.3, 47.5, 63.33, 133.3, 0.4750",
			"0.5, IDEAL, 130, 180, MALE, 40, 75.0, 37.5, 56.25, 150.0, 0.3750",
			"0.5, ADJUSTED, 130, 180, MALE, 40, 97.0, 48.5, 72.75, 150.0, 0.4850",
			"0.5, IDEAL, 100, 160, FEMALE, 40, 52.4, 26.2, 39.30, 150.0, 0.2620",
			"1.0, ACTUAL, 55, , FEMALE, 40, 55.0, 55.0, 82.50, 150.0, 0.5500" })
	void computesTheOrderExactlyWithTheStatedRounding(String mgPerKg, WeightBasis basis, String kg, String cm, Sex sex,
			int minutes, String basisKg, String doseMg, String rateMgH, String rateMlH, String concentration) {
		DoseCalculator.Dose dose = DoseCalculator.compute(new DoseCalculator.Input(new BigDecimal(mgPerKg), basis,
				new BigDecimal(kg), (cm != null) ? new BigDecimal(cm) : null, sex, BMI_30, FACTOR, minutes, BAG));
		assertThat(dose.basisWeightKg()).isEqualByComparingTo(basisKg);
		assertThat(dose.doseMg()).isEqualByComparingTo(doseMg);
		assertThat(dose.rateMgPerHour()).isEqualByComparingTo(rateMgH);
		assertThat(dose.rateMlPerHour()).isEqualByComparingTo(rateMlH);
		assertThat(dose.concentrationMgPerMl()).isEqualByComparingTo(concentration);
		assertThat(dose.arithmetic()).anyMatch((line) -> line.startsWith("Dose = "));
	}

	@Test
	void refusesIdealOrAdjustedWeightBelowTheBmiThresholdWithoutHeightOrSex() {
		assertThatThrownBy(() -> compute("0.5", WeightBasis.IDEAL, "80", "180", Sex.MALE))
			.isInstanceOf(DoseCalculator.BasisNotAllowed.class)
			.hasMessageContaining("BMI of 30 or more; the patient's is 24.7");
		assertThatThrownBy(() -> compute("0.5", WeightBasis.ADJUSTED, "130", null, Sex.MALE))
			.hasMessageContaining("height");
		assertThatThrownBy(() -> compute("0.5", WeightBasis.IDEAL, "130", "180", Sex.UNKNOWN))
			.hasMessageContaining("male or female");
	}

	@Test
	void devineIdealWeightMatchesThePublishedExamples() {
		// 5 ft 10 in (177.8 cm): 50 + 2.3 × 10 = 73 kg for a man, 45.5 + 23 = 68.5 kg for
		// a woman.
		assertThat(DoseCalculator.idealWeight(new BigDecimal("177.8"), Sex.MALE)).isEqualByComparingTo("73");
		assertThat(DoseCalculator.idealWeight(new BigDecimal("177.8"), Sex.FEMALE)).isEqualByComparingTo("68.5");
		assertThat(DoseCalculator.bmi(new BigDecimal("80"), new BigDecimal("180"))).isEqualByComparingTo("24.7");
	}

	@Test
	void theDoseIsMgPerKgTimesTheBasisWeightRoundedHalfUpToATenth() {
		Gen<Integer> tenthsOfKg = integers().between(300, 2500);
		Gen<Integer> thousandthsMgPerKg = integers().between(50, 2000);
		Gen<Integer> minutes = integers().between(2, 100);
		qt().forAll(tenthsOfKg, thousandthsMgPerKg, minutes).checkAssert((kg, mgPerKg, min) -> {
			BigDecimal weight = BigDecimal.valueOf(kg, 1);
			BigDecimal perKg = BigDecimal.valueOf(mgPerKg, 3);
			DoseCalculator.Dose dose = DoseCalculator.compute(new DoseCalculator.Input(perKg, WeightBasis.ACTUAL,
					weight, null, Sex.UNKNOWN, BMI_30, FACTOR, min, BAG));
			BigDecimal exact = perKg.multiply(weight);
			assertThat(dose.doseMg().scale()).isEqualTo(1);
			assertThat(dose.doseMg().subtract(exact).abs()).isLessThanOrEqualTo(new BigDecimal("0.05"));
			assertThat(dose.doseMg()).isEqualByComparingTo(exact.setScale(1, RoundingMode.HALF_UP));
			// The pump at the stated rate for the stated time gives the dose within the
			// rate's rounding.
			BigDecimal delivered = dose.rateMgPerHour()
				.multiply(BigDecimal.valueOf(min))
				.divide(new BigDecimal("60"), 10, RoundingMode.HALF_UP);
			assertThat(delivered.subtract(dose.doseMg()).abs())
				.isLessThanOrEqualTo(new BigDecimal("0.005").multiply(BigDecimal.valueOf(min)));
		});
	}

	@Test
	void idealAndAdjustedWeightsNeverExceedTheActualWeightAndAdjustedLiesBetween() {
		qt().forAll(integers().between(1500, 2100), integers().between(900, 2500), integers().between(0, 1))
			.checkAssert((mm, tenthsOfKg, male) -> {
				BigDecimal height = BigDecimal.valueOf(mm, 1);
				BigDecimal weight = BigDecimal.valueOf(tenthsOfKg, 1);
				Sex sex = (male == 1) ? Sex.MALE : Sex.FEMALE;
				if (DoseCalculator.bmi(weight, height).compareTo(BMI_30) < 0) {
					return;
				}
				BigDecimal ideal = compute("1", WeightBasis.IDEAL, weight.toPlainString(), height.toPlainString(), sex)
					.basisWeightKg();
				BigDecimal adjusted = compute("1", WeightBasis.ADJUSTED, weight.toPlainString(), height.toPlainString(),
						sex)
					.basisWeightKg();
				assertThat(ideal).isLessThanOrEqualTo(weight.setScale(1, RoundingMode.HALF_UP));
				assertThat(adjusted).isBetween(ideal, weight.setScale(1, RoundingMode.HALF_UP));
			});
	}

	@Test
	void alarmsFireStrictlyBeyondTheLimits() {
		assertThat(Alarms.evaluate(new VitalSigns(180, 100, 110, 92, 14), DEFAULT_ALARMS)).isEmpty();
		assertThat(codes(new VitalSigns(181, 80, 70, 98, 14))).containsExactly("HIGH_BLOOD_PRESSURE");
		assertThat(codes(new VitalSigns(150, 101, 70, 98, 14))).containsExactly("HIGH_BLOOD_PRESSURE");
		assertThat(codes(new VitalSigns(120, 80, 111, 98, 14))).containsExactly("TACHYCARDIA");
		assertThat(codes(new VitalSigns(120, 80, 49, 98, 14))).containsExactly("BRADYCARDIA");
		assertThat(codes(new VitalSigns(120, 80, 70, 91, 14))).containsExactly("LOW_SPO2");
		assertThat(codes(new VitalSigns(190, 110, 120, 88, 14))).containsExactly("HIGH_BLOOD_PRESSURE", "TACHYCARDIA",
				"LOW_SPO2");
		assertThat(Alarms.aboveStartLimit(new VitalSigns(140, 90, 70, 98, 14), 140, 90)).isFalse();
		assertThat(Alarms.aboveStartLimit(new VitalSigns(141, 90, 70, 98, 14), 140, 90)).isTrue();
		assertThat(Alarms.aboveStartLimit(new VitalSigns(130, 91, 70, 98, 14), 140, 90)).isTrue();
	}

	@Test
	void anAlarmIsRaisedExactlyWhenAReadingCrossesAThreshold() {
		qt().forAll(integers().between(60, 250), integers().between(30, 160), integers().between(20, 220),
				integers().between(70, 100))
			.checkAssert((systolic, diastolic, heartRate, spo2) -> {
				List<String> codes = codes(
						new VitalSigns(systolic, Math.min(systolic, diastolic), heartRate, spo2, 14));
				assertThat(codes.contains("HIGH_BLOOD_PRESSURE"))
					.isEqualTo(systolic > 180 || Math.min(systolic, diastolic) > 100);
				assertThat(codes.contains("TACHYCARDIA")).isEqualTo(heartRate > 110);
				assertThat(codes.contains("BRADYCARDIA")).isEqualTo(heartRate < 50);
				assertThat(codes.contains("LOW_SPO2")).isEqualTo(spo2 < 92);
			});
	}

	@Test
	void impossibleReadingsNameTheirField() {
		assertThat(new VitalSigns(120, 80, 70, 101, 14).problems()).extracting((e) -> e.field())
			.containsExactly("spo2");
		assertThat(new VitalSigns(70, 80, 70, 99, 14).problems()).extracting((e) -> e.field())
			.containsExactly("systolic");
		assertThat(new VitalSigns(120, 80, 0, 99, 14).problems()).extracting((e) -> e.field())
			.containsExactly("heartRate");
		assertThat(new VitalSigns(null, 80, 70, 99, 14).problems()).extracting((e) -> e.message())
			.containsExactly("is required");
		assertThat(new VitalSigns(120, 80, 70, 99, 14).problems()).isEmpty();
	}

	@Test
	void theTimelineCountsOnlyRunningTimeAtTheRateInForce() {
		Instant start = Instant.parse("2026-03-02T14:00:00Z");
		List<Event> events = List.of(new Event(Kind.START, start, new BigDecimal("60")),
				new Event(Kind.PAUSE, start.plus(Duration.ofMinutes(10)), null),
				new Event(Kind.RESUME, start.plus(Duration.ofMinutes(15)), null),
				new Event(Kind.RATE_CHANGE, start.plus(Duration.ofMinutes(25)), new BigDecimal("30")),
				new Event(Kind.STOP, start.plus(Duration.ofMinutes(45)), null));
		// 10 min at 60 + 10 min at 60 + 20 min at 30 = 10 + 10 + 10 mg.
		assertThat(InfusionTimeline.administeredMg(events, start.plus(Duration.ofHours(2)), new BigDecimal("100")))
			.isEqualByComparingTo("30.0");
		assertThat(InfusionTimeline.administeredMg(events, start.plus(Duration.ofMinutes(5)), new BigDecimal("100")))
			.isEqualByComparingTo("5.0");
		assertThat(InfusionTimeline.administeredMg(events, start.plus(Duration.ofHours(2)), new BigDecimal("12.5")))
			.isEqualByComparingTo("12.5");
		assertThat(InfusionTimeline.state(events)).isEqualTo(InfusionTimeline.State.STOPPED);
		assertThat(InfusionTimeline.state(events.subList(0, 2))).isEqualTo(InfusionTimeline.State.PAUSED);
		assertThat(InfusionTimeline.state(List.of())).isEqualTo(InfusionTimeline.State.NOT_STARTED);
	}

	@Test
	void theAmountGivenNeverExceedsWhatWasDrawnNorRateTimesTime() {
		qt().forAll(integers().between(1, 120), integers().between(1, 600), integers().between(1, 500))
			.checkAssert((minutes, rate, cap) -> {
				Instant start = Instant.parse("2026-03-02T14:00:00Z");
				List<Event> events = List.of(new Event(Kind.START, start, BigDecimal.valueOf(rate)),
						new Event(Kind.STOP, start.plus(Duration.ofMinutes(minutes)), null));
				BigDecimal given = InfusionTimeline.administeredMg(events, start.plus(Duration.ofHours(5)),
						BigDecimal.valueOf(cap));
				BigDecimal expected = BigDecimal.valueOf((long) rate * minutes)
					.divide(new BigDecimal("60"), 1, RoundingMode.HALF_UP)
					.min(BigDecimal.valueOf(cap));
				assertThat(given).isEqualByComparingTo(expected);
			});
	}

	@Test
	void flagsMedicationClassesTheChecklistAsksAbout() {
		assertThat(Visits.flag(List.of("Xanax 0.5 mg", "Lamictal", "Adderall XR", "Parnate", "Sertraline")))
			.containsExactly("Benzodiazepine: Xanax 0.5 mg", "Lamotrigine: Lamictal", "Stimulant: Adderall XR",
					"MAOI: Parnate");
	}

	private static DoseCalculator.Dose compute(String mgPerKg, WeightBasis basis, String kg, String cm, Sex sex) {
		return DoseCalculator.compute(new DoseCalculator.Input(new BigDecimal(mgPerKg), basis, new BigDecimal(kg),
				(cm != null) ? new BigDecimal(cm) : null, sex, BMI_30, FACTOR, 40, BAG));
	}

	private static List<String> codes(VitalSigns vitals) {
		return Alarms.evaluate(vitals, DEFAULT_ALARMS).stream().map(Alarms.Alarm::code).toList();
	}

}
