package org.ketacare.fhir.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.IdType;
import org.ketacare.course.CourseView;
import org.ketacare.course.Courses;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.stereotype.Component;

/**
 * FHIR {@code EpisodeOfCare}: one per treatment course; read, and search by patient,
 * status and date.
 */
@Component
public class EpisodeOfCareResourceProvider implements IResourceProvider, PatientCompartment {

	private static final Set<String> STATUSES = Arrays.stream(EpisodeOfCare.EpisodeOfCareStatus.values())
		.filter((status) -> status != EpisodeOfCare.EpisodeOfCareStatus.NULL)
		.map(EpisodeOfCare.EpisodeOfCareStatus::toCode)
		.collect(Collectors.toCollection(LinkedHashSet::new));

	private final Courses courses;

	private final FhirCaller caller;

	EpisodeOfCareResourceProvider(Courses courses, FhirCaller caller) {
		this.courses = courses;
		this.caller = caller;
	}

	@Override
	public Class<EpisodeOfCare> getResourceType() {
		return EpisodeOfCare.class;
	}

	@Override
	public String resourceType() {
		return "EpisodeOfCare";
	}

	@Override
	public List<EpisodeOfCare> ofPatient(PatientRecord patient) {
		return patient.courses().stream().map((view) -> episode(patient.by(), view)).toList();
	}

	@Read
	public EpisodeOfCare read(@IdParam IdType id) {
		StaffPrincipal by = this.caller.staff();
		return this.caller.read(() -> {
			CourseView view = this.courses.findCourse(by, FhirCaller.uuid(id))
				.orElseThrow(() -> FhirCaller.notFound("EpisodeOfCare", id.getIdPart()));
			this.caller.shown(by, "EpisodeOfCare", view.course().patientId(), "read");
			return episode(by, view);
		});
	}

	/**
	 * A course matches a date range when its period (its start day to the end of its last
	 * day, open while it runs) overlaps the range.
	 */
	@Search
	public IBundleProvider search(@RequiredParam(name = EpisodeOfCare.SP_PATIENT) ReferenceParam patient,
			@OptionalParam(name = EpisodeOfCare.SP_STATUS) TokenOrListParam status,
			@OptionalParam(name = EpisodeOfCare.SP_DATE) DateRangeParam date, @Sort SortSpec sort,
			@Offset Integer offset, @Count Integer count) {
		StaffPrincipal by = this.caller.staff();
		Comparator<CourseView> order = Paging.byDate(sort,
				(view) -> Date.from(view.course().startDate().atStartOfDay(by.clinicZone()).toInstant()));
		Set<String> statuses = StatusSearch.codes(status, EpisodeOfCare.EpisodeOfCareStatus.ACTIVE.getSystem(),
				STATUSES);
		UUID patientId = this.caller.patientOf(by, patient).orElse(null);
		if (patientId == null) {
			return Paging.page(List.of(), offset, count);
		}
		return this.caller.read(() -> {
			List<EpisodeOfCare> found = this.courses.coursesOfPatient(by, patientId)
				.stream()
				.filter((view) -> overlaps(view, date, by.clinicZone()))
				.filter((view) -> statuses == null
						|| statuses.contains(ScheduleMapper.status(view.course().status()).toCode()))
				.sorted(order)
				.map((view) -> episode(by, view))
				.toList();
			this.caller.shown(by, "EpisodeOfCare", patientId, "search");
			return Paging.page(found, offset, count);
		});
	}

	private static EpisodeOfCare episode(StaffPrincipal by, CourseView view) {
		return ScheduleMapper.episodeOfCare(view, by.clinicName(), by.clinicZone());
	}

	/**
	 * A course's period is in days, so the range is too: HAPI's day numbers of its bounds
	 * (yyyymmdd, {@code gt} and {@code lt} already moved by a day).
	 */
	private static boolean overlaps(CourseView view, DateRangeParam range, ZoneId zone) {
		if (range == null) {
			return true;
		}
		int start = dayNumber(view.course().startDate());
		// A course that ended before any visit is taken as its start day alone.
		Integer end = ScheduleMapper.lastDay(view, zone)
			.or(() -> view.course().status().isOpen() ? Optional.empty() : Optional.of(view.course().startDate()))
			.map(EpisodeOfCareResourceProvider::dayNumber)
			.orElse(null);
		Integer from = range.getLowerBoundAsDateInteger();
		Integer to = range.getUpperBoundAsDateInteger();
		return (to == null || start <= to) && (from == null || end == null || end >= from);
	}

	private static int dayNumber(LocalDate day) {
		return day.getYear() * 10000 + day.getMonthValue() * 100 + day.getDayOfMonth();
	}

}
