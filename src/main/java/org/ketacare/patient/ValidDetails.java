package org.ketacare.patient;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.ketacare.platform.FieldErrors;

/**
 * Patient details that passed every rule, in their stored types.
 */
record ValidDetails(String givenName, String familyName, LocalDate birthDate, SexAtBirth sexAtBirth,
		Boolean pregnancyPossible, String phone, String email, String address, ContactPerson emergencyContact,
		ContactPerson escort, String referringClinician, String currentMedications, List<Medication> medications,
		String allergies, String notes) {

	static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

	static final int MAX_MEDICATIONS = 30;

	/**
	 * Checks {@code details} against every rule, adding each broken one to
	 * {@code errors}; the result is only usable when no error was added.
	 * @param today the clinic's date, after which no one is born
	 */
	static ValidDetails check(PatientDetails details, LocalDate today, FieldErrors errors) {
		String given = errors.text("givenName", details.givenName(), 100);
		String family = errors.text("familyName", details.familyName(), 100);
		LocalDate birthDate = birthDate(details.birthDate(), today, errors);
		SexAtBirth sex = null;
		if (details.sexAtBirth() == null || details.sexAtBirth().isBlank()) {
			errors.add("sexAtBirth", "is required");
		}
		else {
			sex = SexAtBirth.fromCode(details.sexAtBirth()).orElse(null);
			if (sex == null) {
				errors.add("sexAtBirth", "must be one of female, male, other");
			}
		}
		List<Medication> medications = new ArrayList<>();
		if (details.medications().size() > MAX_MEDICATIONS) {
			errors.add("medications", "must list at most " + MAX_MEDICATIONS + " medications");
		}
		for (int i = 0; i < details.medications().size(); i++) {
			Medication medication = details.medications().get(i);
			String prefix = "medications[" + i + "].";
			String name = errors.optionalText(prefix + "name", (medication != null) ? medication.name() : null, 200);
			String dose = errors.optionalText(prefix + "dose", (medication != null) ? medication.dose() : null, 100);
			if (name == null && dose != null) {
				errors.add(prefix + "name", "is required when a dose is given");
			}
			if (name != null) {
				medications.add(new Medication(name, dose));
			}
		}
		return new ValidDetails(given, family, birthDate, sex, details.pregnancyPossible(),
				errors.phone("phone", details.phone()), errors.email("email", details.email()),
				errors.optionalText("address", details.address(), 500),
				contact("emergencyContact", details.emergencyContact(), errors),
				contact("escort", details.escort(), errors),
				errors.optionalText("referringClinician", details.referringClinician(), 200),
				errors.optionalText("currentMedications", details.currentMedications(), 2000), List.copyOf(medications),
				errors.optionalText("allergies", details.allergies(), 1000),
				errors.optionalText("notes", details.notes(), 4000));
	}

	static LocalDate birthDate(String text, LocalDate today, FieldErrors errors) {
		if (text == null || text.isBlank()) {
			errors.add("birthDate", "is required");
			return null;
		}
		LocalDate date;
		try {
			date = LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			errors.add("birthDate", "must be a date such as 1984-03-21");
			return null;
		}
		if (date.isAfter(today)) {
			errors.add("birthDate", "must not be in the future");
		}
		else if (date.isBefore(EARLIEST_BIRTH_DATE)) {
			errors.add("birthDate", "must be on or after 1900-01-01");
		}
		return date;
	}

	private static ContactPerson contact(String field, ContactPerson person, FieldErrors errors) {
		String name = errors.optionalText(field + ".name", person.name(), 200);
		String phone = errors.phone(field + ".phone", person.phone());
		String relationship = errors.optionalText(field + ".relationship", person.relationship(), 100);
		if (name == null && (phone != null || relationship != null)) {
			errors.add(field + ".name", "is required when a phone or relationship is given");
		}
		return new ContactPerson(name, phone, relationship);
	}

}
