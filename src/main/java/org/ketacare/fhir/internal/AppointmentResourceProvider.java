package org.ketacare.fhir.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.ketacare.course.CourseView;
import org.ketacare.course.Courses;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.stereotype.Component;

/**
 * FHIR {@code Appointment}: every visit of the schedule (infusions, follow-ups,
 * boosters); read, and search by patient, date and status.
 */
@Component
public class AppointmentResourceProvider implements IResourceProvider, PatientCompartment {

	private static final Set<String> STATUSES = Arrays.stream(Appointment.AppointmentStatus.values())
		.filter((status) -> status != Appointment.AppointmentStatus.NULL)
		.map(Appointment.AppointmentStatus::toCode)
		.collect(Collectors.toCollection(LinkedHashSet::new));

	private final Courses courses;

	private final FhirCaller caller;

	private final PatientRecords records;

	AppointmentResourceProvider(Courses courses, FhirCaller caller, PatientRecords records) {
		this.records = records;
		this.courses = courses;
		this.caller = caller;
	}

	@Override
	public Class<Appointment> getResourceType() {
		return Appointment.class;
	}

	@Override
	public String resourceType() {
		return "Appointment";
	}

	@Override
	public List<Appointment> ofPatient(PatientRecord patient) {
		return patient.courses()
			.stream()
			.map(CourseView::appointments)
			.flatMap(List::stream)
			.sorted(Comparator.comparing(org.ketacare.course.Appointment::start))
			.map(ScheduleMapper::appointment)
			.toList();
	}

	@Read
	public Appointment read(@IdParam IdType id) {
		StaffPrincipal by = this.caller.staff();
		return this.caller.read(() -> {
			org.ketacare.course.Appointment appointment = this.courses.findAppointment(by, FhirCaller.uuid(id))
				.orElseThrow(() -> FhirCaller.notFound("Appointment", id.getIdPart()));
			this.caller.shown(by, "Appointment", appointment.patientId(), "read");
			return ScheduleMapper.appointment(appointment);
		});
	}

	@Search
	public IBundleProvider search(@RequiredParam(name = Appointment.SP_PATIENT) ReferenceParam patient,
			@OptionalParam(name = Appointment.SP_DATE) DateRangeParam date,
			@OptionalParam(name = Appointment.SP_STATUS) TokenOrListParam status, @Sort SortSpec sort,
			@Offset Integer offset, @Count Integer count) {
		StaffPrincipal by = this.caller.staff();
		Comparator<Appointment> order = Paging.byDate(sort, Appointment::getStart);
		Set<String> statuses = StatusSearch.codes(status, Appointment.AppointmentStatus.BOOKED.getSystem(), STATUSES);
		UUID patientId = this.caller.patientOf(by, patient).orElse(null);
		if (patientId == null) {
			return Paging.page(List.of(), offset, count);
		}
		return this.caller.read(() -> {
			List<Appointment> found = ofPatient(this.records.of(by, patientId)).stream()
				.filter((appointment) -> Paging.within(date, appointment.getStart()))
				.filter((appointment) -> statuses == null || statuses.contains(appointment.getStatus().toCode()))
				.sorted(order)
				.toList();
			this.caller.shown(by, "Appointment", patientId, "search");
			return Paging.page(found, offset, count);
		});
	}

}
