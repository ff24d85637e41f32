package org.ketacare.fhir.internal;

import java.sql.Date;

import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.ketacare.patient.SexAtBirth;

/** Our patient as a FHIR Patient: MRN, name, birth date, gender and how to reach them. */
public final class PatientMapper {

	private PatientMapper() {
	}

	/** The identifier system of a clinic's medical record numbers. */
	public static String mrnSystem(String clinicSlug) {
		return "urn:ketacare:clinic:" + clinicSlug + ":mrn";
	}

	public static Reference reference(java.util.UUID patientId) {
		return new Reference("Patient/" + patientId);
	}

	public static Patient toFhir(org.ketacare.patient.Patient patient, String clinicSlug) {
		Patient resource = new Patient();
		resource.setId(patient.id().toString());
		resource.addIdentifier()
			.setUse(Identifier.IdentifierUse.USUAL)
			.setSystem(mrnSystem(clinicSlug))
			.setValue(patient.mrn())
			.getType()
			.addCoding()
			.setSystem("http://terminology.hl7.org/CodeSystem/v2-0203")
			.setCode("MR")
			.setDisplay("Medical record number");
		resource.setActive(true);
		resource.addName()
			.setUse(HumanName.NameUse.OFFICIAL)
			.setFamily(patient.familyName())
			.addGiven(patient.givenName());
		resource.setBirthDate(Date.valueOf(patient.birthDate()));
		resource.setGender(gender(patient.sexAtBirth()));
		if (hasText(patient.phone())) {
			resource.addTelecom()
				.setSystem(ContactPoint.ContactPointSystem.PHONE)
				.setValue(patient.phone())
				.setUse(ContactPoint.ContactPointUse.MOBILE);
		}
		if (hasText(patient.email())) {
			resource.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(patient.email());
		}
		return resource;
	}

	private static AdministrativeGender gender(SexAtBirth sex) {
		if (sex == null) {
			return AdministrativeGender.UNKNOWN;
		}
		return switch (sex) {
			case FEMALE -> AdministrativeGender.FEMALE;
			case MALE -> AdministrativeGender.MALE;
			case OTHER -> AdministrativeGender.OTHER;
		};
	}

	private static boolean hasText(String text) {
		return text != null && !text.isBlank();
	}

}
