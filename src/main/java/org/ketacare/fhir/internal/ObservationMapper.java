package org.ketacare.fhir.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.ketacare.infusion.VisitChart;
import org.ketacare.outcomes.Instrument;
import org.ketacare.outcomes.ResponseRecord;

/**
 * Vital signs per the FHIR vital-signs codes (LOINC, UCUM units) and questionnaire totals
 * (LOINC where it has a code, our own code system otherwise) as Observations.
 */
public final class ObservationMapper {

	public static final String LOINC = "http://loinc.org";

	public static final String UCUM = "http://unitsofmeasure.org";

	public static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";

	/** Our code system for instrument totals LOINC has no code for. */
	public static final String INSTRUMENT_SYSTEM = "urn:ketacare:instrument-total";

	public static final String VITAL_SIGNS = "vital-signs";

	public static final String SURVEY = "survey";

	private ObservationMapper() {
	}

	/**
	 * Blood pressure, heart rate, SpO2 and respiratory rate of one set of the chart's
	 * vital signs, as corrected; an observation with a corrected value is
	 * {@code amended}.
	 */
	public static List<Observation> vitals(VisitChart chart, VisitChart.Vitals recorded) {
		UUID patientId = chart.visit().patientId();
		UUID visitId = chart.visit().id();
		VisitChart.Vitals vitals = chart.correctedVitals()
			.stream()
			.filter((candidate) -> candidate.id().equals(recorded.id()))
			.findFirst()
			.orElse(recorded);
		Set<String> amended = chart.amendedFields(recorded.id());
		List<Observation> observations = new ArrayList<>();
		Observation pressure = vitalSign("bp-" + vitals.id(), patientId, visitId, vitals.takenAt(), "85354-9",
				"Blood pressure panel with all children optional");
		pressure.addComponent()
			.setCode(loinc("8480-6", "Systolic blood pressure"))
			.setValue(quantity(BigDecimal.valueOf(vitals.systolic()), "mmHg", "mm[Hg]"));
		pressure.addComponent()
			.setCode(loinc("8462-4", "Diastolic blood pressure"))
			.setValue(quantity(BigDecimal.valueOf(vitals.diastolic()), "mmHg", "mm[Hg]"));
		observations.add(amendedIf(pressure, amended.contains("systolic") || amended.contains("diastolic")));
		observations.add(amendedIf(
				vitalSign("hr-" + vitals.id(), patientId, visitId, vitals.takenAt(), "8867-4", "Heart rate")
					.setValue(quantity(BigDecimal.valueOf(vitals.heartRate()), "beats/minute", "/min")),
				amended.contains("heartRate")));
		Observation saturation = vitalSign("spo2-" + vitals.id(), patientId, visitId, vitals.takenAt(), "59408-5",
				"Oxygen saturation in Arterial blood by Pulse oximetry");
		saturation.getCode().addCoding(new Coding(LOINC, "2708-6", "Oxygen saturation in Arterial blood"));
		observations.add(amendedIf(saturation.setValue(quantity(BigDecimal.valueOf(vitals.spo2()), "%", "%")),
				amended.contains("spo2")));
		observations.add(amendedIf(
				vitalSign("rr-" + vitals.id(), patientId, visitId, vitals.takenAt(), "9279-1", "Respiratory rate")
					.setValue(quantity(BigDecimal.valueOf(vitals.respiratoryRate()), "breaths/minute", "/min")),
				amended.contains("respiratoryRate")));
		return observations;
	}

	private static Observation amendedIf(Observation observation, boolean amended) {
		return amended ? observation.setStatus(Observation.ObservationStatus.AMENDED) : observation;
	}

	/** The weight the visit's dose was based on, weighed at check-in. */
	public static Observation weight(UUID patientId, VisitChart.Header visit) {
		return vitalSign("wt-" + visit.id(), patientId, visit.id(), visit.checkedInAt(), "29463-7", "Body weight")
			.setValue(quantity(visit.weightKg(), "kg", "kg"));
	}

	/** The total (or risk level) of one questionnaire response. */
	public static Observation total(ResponseRecord response, Instrument instrument) {
		Observation observation = new Observation();
		observation.setId("score-" + response.id());
		// A corrected response's total was wrong; its correction has a total of its own.
		observation.setStatus(response.isCurrent() ? Observation.ObservationStatus.FINAL
				: Observation.ObservationStatus.ENTEREDINERROR);
		observation.addCategory(category(SURVEY, "Survey"));
		String display = instrument.name() + " total score";
		observation.setCode((instrument.loincTotal() != null) ? loinc(instrument.loincTotal(), display)
				: new CodeableConcept(new Coding(INSTRUMENT_SYSTEM, instrument.code(), display)).setText(display));
		observation.setSubject(PatientMapper.reference(response.patientId()));
		observation.setEffective(dateTime(response.answeredAt()));
		if (response.score().total() != null) {
			observation.setValue(quantity(BigDecimal.valueOf(response.score().total()), "score", "{score}"));
			if (response.score().severity() != null) {
				observation.addInterpretation(new CodeableConcept().setText(response.score().severity()));
			}
		}
		else {
			observation.setValue(new CodeableConcept().setText(response.score().severity()));
		}
		return observation;
	}

	private static Observation vitalSign(String id, UUID patientId, UUID visitId, Instant at, String code,
			String display) {
		Observation observation = new Observation();
		observation.setId(id);
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory(category(VITAL_SIGNS, "Vital Signs"));
		observation.setCode(loinc(code, display));
		observation.setSubject(PatientMapper.reference(patientId));
		observation.setEncounter(new Reference("Encounter/" + visitId));
		observation.setEffective(dateTime(at));
		return observation;
	}

	static CodeableConcept category(String code, String display) {
		return new CodeableConcept(new Coding(CATEGORY_SYSTEM, code, display));
	}

	static CodeableConcept loinc(String code, String display) {
		return new CodeableConcept(new Coding(LOINC, code, display)).setText(display);
	}

	static Quantity quantity(BigDecimal value, String unit, String ucum) {
		return new Quantity().setValue(value).setUnit(unit).setSystem(UCUM).setCode(ucum);
	}

	static DateTimeType dateTime(Instant at) {
		DateTimeType type = new DateTimeType(Date.from(at));
		type.setTimeZoneZulu(true);
		return type;
	}

}
