package org.ketacare.fhir.internal;

import java.util.UUID;

import org.ketacare.course.Courses;
import org.ketacare.infusion.Visits;
import org.ketacare.outcomes.Responses;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.stereotype.Component;

/** Opens a patient's {@link PatientRecord} for the caller. */
@Component
public class PatientRecords {

	private final Visits visits;

	private final Responses responses;

	private final Courses courses;

	PatientRecords(Visits visits, Responses responses, Courses courses) {
		this.visits = visits;
		this.responses = responses;
		this.courses = courses;
	}

	public PatientRecord of(StaffPrincipal by, UUID patientId) {
		return new PatientRecord(by, patientId, this.visits, this.responses, this.courses);
	}

}
