package org.ketacare.patient;

import java.util.List;

/**
 * What the intake coordinator gives about a patient, as typed: checked by the registry,
 * which names each field that breaks a rule. Used to register and to edit.
 *
 * @param birthDate an ISO date such as {@code 1984-03-21}
 * @param sexAtBirth {@code female}, {@code male} or {@code other}
 * @param pregnancyPossible {@code null} when not asked
 * @param currentMedications current medications in the caller's words
 * @param medications current medications, one by one
 */
public record PatientDetails(String givenName, String familyName, String birthDate, String sexAtBirth,
		Boolean pregnancyPossible, String phone, String email, String address, ContactPerson emergencyContact,
		ContactPerson escort, String referringClinician, String currentMedications, List<Medication> medications,
		String allergies, String notes) {

	public PatientDetails {
		emergencyContact = (emergencyContact != null) ? emergencyContact : ContactPerson.NONE;
		escort = (escort != null) ? escort : ContactPerson.NONE;
		medications = (medications != null) ? medications : List.of();
	}

}
