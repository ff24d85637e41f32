package org.ketacare.patient;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A patient as the API shows it: codes in lowercase, the latest weight and height with
 * BMI.
 */
record PatientJson(UUID id, String mrn, String givenName, String familyName, LocalDate birthDate, String sexAtBirth,
		Boolean pregnancyPossible, String phone, String email, String address, ContactPerson emergencyContact,
		ContactPerson escort, String referringClinician, String currentMedications, List<Medication> medications,
		String allergies, String notes, String status, BigDecimal weightKg, BigDecimal heightCm, BigDecimal bmi,
		LocalDate measuredOn, List<FlagJson> flags, UUID possibleDuplicateOf, Instant createdAt, int version) {

	static PatientJson of(Patient patient) {
		Measurement latest = patient.latestMeasurement().orElse(null);
		return new PatientJson(patient.id(), patient.mrn(), patient.givenName(), patient.familyName(),
				patient.birthDate(), patient.sexAtBirth().code(), patient.pregnancyPossible(), patient.phone(),
				patient.email(), patient.address(),
				patient.emergencyContact().isKnown() ? patient.emergencyContact() : null,
				patient.escort().isKnown() ? patient.escort() : null, patient.referringClinician(),
				patient.currentMedications(), patient.medications(), patient.allergies(), patient.notes(),
				statusCode(patient.status()), (latest != null) ? latest.weightKg() : null,
				(latest != null) ? latest.heightCm() : null, (latest != null) ? latest.bmi() : null,
				(latest != null) ? latest.measuredOn() : null,
				patient.flags()
					.stream()
					.map((flag) -> new FlagJson(flag.kind(), flag.text(), flag.raisedAt()))
					.toList(),
				patient.possibleDuplicateOf(), patient.createdAt(), patient.version());
	}

	static String statusCode(PatientStatus status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

	record FlagJson(String kind, String text, Instant raisedAt) {
	}

}
