package org.ketacare.patient;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A patient of one clinic as the registry holds it now, with the latest weight and height
 * and any active warning flags.
 *
 * @param pregnancyPossible whether the patient could be pregnant; {@code null} when not
 * asked
 * @param currentMedications current medications in the caller's words
 * @param medications current medications, one by one
 * @param latestMeasurement the newest weight and height, if any
 * @param possibleDuplicateOf the record the duplicate check named when this one was
 * registered anyway, or {@code null}
 * @param version the optimistic-locking version an edit must name
 */
public record Patient(UUID id, UUID clinicId, String mrn, String givenName, String familyName, LocalDate birthDate,
		SexAtBirth sexAtBirth, Boolean pregnancyPossible, String phone, String email, String address,
		ContactPerson emergencyContact, ContactPerson escort, String referringClinician, String currentMedications,
		List<Medication> medications, String allergies, String notes, PatientStatus status,
		Optional<Measurement> latestMeasurement, List<PatientFlag> flags, UUID possibleDuplicateOf, Instant createdAt,
		int version) {

	public String fullName() {
		return this.givenName + " " + this.familyName;
	}

	/** Age in whole years on the given day. */
	public int ageOn(LocalDate day) {
		return Period.between(this.birthDate, day).getYears();
	}

	public Optional<BigDecimal> weightKg() {
		return this.latestMeasurement.map(Measurement::weightKg);
	}

	public boolean isFlagged() {
		return !this.flags.isEmpty();
	}

}
