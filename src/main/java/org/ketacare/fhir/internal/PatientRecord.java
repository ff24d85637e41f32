package org.ketacare.fhir.internal;

import java.util.List;
import java.util.UUID;

import org.ketacare.course.CourseView;
import org.ketacare.course.Courses;
import org.ketacare.infusion.VisitChart;
import org.ketacare.infusion.Visits;
import org.ketacare.outcomes.ResponseRecord;
import org.ketacare.outcomes.Responses;
import org.ketacare.platform.StaffPrincipal;

/**
 * One patient's records as the FHIR resource types are mapped from them, each part read
 * from its module once, when first needed: {@code $everything} and the bulk export hand
 * the same record to every type, so the visit charts behind Encounter, Observation and
 * MedicationAdministration are read once, not three times. Not thread-safe; lives for one
 * request or one exported patient. The modules check the caller's role on first use.
 */
public final class PatientRecord {

	private final StaffPrincipal by;

	private final UUID patientId;

	private final Visits visits;

	private final Responses responses;

	private final Courses courses;

	private List<VisitChart> charts;

	private List<ResponseRecord> answers;

	private List<CourseView> treatmentCourses;

	PatientRecord(StaffPrincipal by, UUID patientId, Visits visits, Responses responses, Courses courses) {
		this.by = by;
		this.patientId = patientId;
		this.visits = visits;
		this.responses = responses;
		this.courses = courses;
	}

	public StaffPrincipal by() {
		return this.by;
	}

	public UUID patientId() {
		return this.patientId;
	}

	/** The visit charts, oldest first. */
	public List<VisitChart> charts() {
		if (this.charts == null) {
			this.charts = this.visits.chartsOfPatient(this.by, this.patientId);
		}
		return this.charts;
	}

	/** The questionnaire responses, newest first, corrections included. */
	public List<ResponseRecord> responses() {
		if (this.answers == null) {
			this.answers = this.responses.ofPatient(this.by, this.patientId);
		}
		return this.answers;
	}

	/** The treatment courses with their appointments, oldest first. */
	public List<CourseView> courses() {
		if (this.treatmentCourses == null) {
			this.treatmentCourses = this.courses.coursesOfPatient(this.by, this.patientId);
		}
		return this.treatmentCourses;
	}

}
