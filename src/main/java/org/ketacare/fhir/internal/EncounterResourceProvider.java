package org.ketacare.fhir.internal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.ketacare.course.CourseView;
import org.ketacare.course.Courses;
import org.ketacare.infusion.VisitChart;
import org.ketacare.infusion.Visits;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.stereotype.Component;

/**
 * FHIR {@code Encounter}: one per infusion visit, in the episode of care of its course;
 * read, and search by patient and date.
 */
@Component
public class EncounterResourceProvider implements IResourceProvider, PatientCompartment {

	private final Visits visits;

	private final Courses courses;

	private final FhirCaller caller;

	private final PatientRecords records;

	EncounterResourceProvider(Visits visits, Courses courses, FhirCaller caller, PatientRecords records) {
		this.records = records;
		this.visits = visits;
		this.courses = courses;
		this.caller = caller;
	}

	@Override
	public Class<Encounter> getResourceType() {
		return Encounter.class;
	}

	@Override
	public String resourceType() {
		return "Encounter";
	}

	@Override
	public List<Encounter> ofPatient(PatientRecord patient) {
		List<VisitChart> charts = patient.charts();
		Map<UUID, UUID> courseOfAppointment = new HashMap<>();
		for (CourseView course : patient.courses()) {
			course.appointments()
				.forEach((appointment) -> courseOfAppointment.put(appointment.id(), appointment.courseId()));
		}
		return charts.stream()
			.map((chart) -> VisitMapper.encounter(chart, courseOfAppointment.get(chart.visit().appointmentId())))
			.toList();
	}

	@Read
	public Encounter read(@IdParam IdType id) {
		StaffPrincipal by = this.caller.staff();
		return this.caller.read(() -> {
			VisitChart chart = this.visits.findChart(by, FhirCaller.uuid(id))
				.orElseThrow(() -> FhirCaller.notFound("Encounter", id.getIdPart()));
			this.caller.shown(by, "Encounter", chart.visit().patientId(), "read");
			UUID appointmentId = chart.visit().appointmentId();
			UUID courseId = (appointmentId != null) ? this.courses.findAppointment(by, appointmentId)
				.map(org.ketacare.course.Appointment::courseId)
				.orElse(null) : null;
			return VisitMapper.encounter(chart, courseId);
		});
	}

	@Search
	public IBundleProvider search(@RequiredParam(name = Encounter.SP_PATIENT) ReferenceParam patient,
			@OptionalParam(name = Encounter.SP_DATE) DateRangeParam date, @Sort SortSpec sort, @Offset Integer offset,
			@Count Integer count) {
		StaffPrincipal by = this.caller.staff();
		Comparator<Encounter> order = Paging.byDate(sort, (encounter) -> encounter.getPeriod().getStart());
		UUID patientId = this.caller.patientOf(by, patient).orElse(null);
		if (patientId == null) {
			return Paging.page(List.of(), offset, count);
		}
		return this.caller.read(() -> {
			List<Encounter> found = ofPatient(this.records.of(by, patientId)).stream()
				.filter((encounter) -> Paging.within(date, encounter.getPeriod().getStart()))
				.sorted(order)
				.toList();
			this.caller.shown(by, "Encounter", patientId, "search");
			return Paging.page(found, offset, count);
		});
	}

}
