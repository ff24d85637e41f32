package org.ketacare.screening;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ketacare.patient.Patient;
import org.ketacare.patient.PatientPageSection;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.patient.PatientStatus;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.stereotype.Component;

/**
 * The screening history on the patient page: every screening with its decision and
 * review, the approval the patient holds and when it expires.
 */
@Component
class ScreeningPatientSection implements PatientPageSection {

	private final Screenings screenings;

	private final Eligibility eligibility;

	private final PatientRegistry patients;

	ScreeningPatientSection(Screenings screenings, Eligibility eligibility, PatientRegistry patients) {
		this.screenings = screenings;
		this.eligibility = eligibility;
		this.patients = patients;
	}

	@Override
	public String template() {
		return "screening/patient-section";
	}

	@Override
	public Map<String, Object> data(StaffPrincipal viewer, Patient patient) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("patientId", patient.id());
		data.put("history", this.screenings.history(viewer, patient.id()));
		data.put("approval", this.eligibility.latestApproval(viewer.clinicId(), patient.id()).orElse(null));
		data.put("approvalCurrent", this.eligibility.currentApproval(viewer.clinicId(), patient.id()).isPresent());
		data.put("canScreen", viewer.hasRole(Role.INTAKE) && this.patients.canMoveTo(patient, PatientStatus.SCREENING));
		return data;
	}

	@Override
	public int order() {
		return 10;
	}

}
