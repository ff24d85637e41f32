package org.ketacare.outcomes;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.ketacare.TestStaff;
import org.ketacare.patient.PatientDetails;
import org.ketacare.patient.PatientRegistry;

import org.springframework.stereotype.Component;

/** Patients for outcome tests, registered through the patient registry's public API. */
@Component
class OutcomePatients {

	private final PatientRegistry registry;

	private final TestStaff staff;

	OutcomePatients(PatientRegistry registry, TestStaff staff) {
		this.registry = registry;
		this.staff = staff;
	}

	/** A new patient of the clinic ({@code main} or {@code north}). */
	UUID newPatient(String clinicSlug) {
		String family = "Outcome" + UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9]", "q");
		PatientDetails details = new PatientDetails("Alex", family, "1980-05-17", "female", false, null, null, null,
				null, null, null, null, List.of(), null, null);
		return this.registry
			.register(this.staff.demo("intake." + clinicSlug), details, new BigDecimal("70"), new BigDecimal("170"),
					true)
			.patient()
			.orElseThrow()
			.id();
	}

}
