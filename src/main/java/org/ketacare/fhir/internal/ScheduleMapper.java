package org.ketacare.fhir.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Date;
import java.util.Optional;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.ketacare.course.Appointment;
import org.ketacare.course.AppointmentStatus;
import org.ketacare.course.CourseStatus;
import org.ketacare.course.CourseView;
import org.ketacare.course.VisitKind;

/**
 * A course's appointments as FHIR Appointments, and the course itself as an EpisodeOfCare
 * whose type is its protocol.
 */
final class ScheduleMapper {

	/**
	 * Our code system for treatment protocols: the protocol's code, such as the standard
	 * one.
	 */
	static final String PROTOCOL_SYSTEM = "urn:ketacare:protocol";

	private ScheduleMapper() {
	}

	static org.hl7.fhir.r4.model.Appointment appointment(Appointment appointment) {
		org.hl7.fhir.r4.model.Appointment resource = new org.hl7.fhir.r4.model.Appointment();
		resource.setId(appointment.id().toString());
		resource.setStatus(status(appointment.status()));
		if (appointment.status() == AppointmentStatus.CANCELLED && appointment.statusReason() != null) {
			resource.setCancelationReason(new CodeableConcept().setText(appointment.statusReason()));
		}
		resource.addServiceType()
			.setText((appointment.kind() == VisitKind.INFUSION) ? "Ketamine infusion" : "Follow-up visit");
		resource.setAppointmentType(new CodeableConcept().setText(appointment.phase() + " " + appointment.number()));
		resource.setStart(Date.from(appointment.start()));
		resource.setEnd(Date.from(appointment.end()));
		resource.addSupportingInformation(new Reference("EpisodeOfCare/" + appointment.courseId()));
		resource.addParticipant()
			.setActor(PatientMapper.reference(appointment.patientId()))
			.setRequired(org.hl7.fhir.r4.model.Appointment.ParticipantRequired.REQUIRED)
			.setStatus(org.hl7.fhir.r4.model.Appointment.ParticipationStatus.ACCEPTED);
		if (appointment.roomName() != null) {
			// A room is no Location resource of ours: its name is the reference's
			// display.
			resource.addParticipant()
				.setActor(new Reference().setDisplay(appointment.roomName()))
				.setRequired(org.hl7.fhir.r4.model.Appointment.ParticipantRequired.REQUIRED)
				.setStatus(org.hl7.fhir.r4.model.Appointment.ParticipationStatus.ACCEPTED);
		}
		return resource;
	}

	/**
	 * Our appointment's outcome as FHIR's. A patient is recorded as attended when they
	 * are checked in, and the visit itself is the Encounter, so attended is
	 * {@code fulfilled} (the appointment did its job) rather than {@code arrived}
	 * (waiting to be seen), which would go stale the moment the infusion starts. Booked,
	 * cancelled and no-show are FHIR's own statuses of the same meaning.
	 */
	static org.hl7.fhir.r4.model.Appointment.AppointmentStatus status(AppointmentStatus status) {
		return switch (status) {
			case BOOKED -> org.hl7.fhir.r4.model.Appointment.AppointmentStatus.BOOKED;
			case ATTENDED -> org.hl7.fhir.r4.model.Appointment.AppointmentStatus.FULFILLED;
			case CANCELLED -> org.hl7.fhir.r4.model.Appointment.AppointmentStatus.CANCELLED;
			case NO_SHOW -> org.hl7.fhir.r4.model.Appointment.AppointmentStatus.NOSHOW;
		};
	}

	/**
	 * The course as an episode of care: from its start date to the day of its last
	 * attended visit once it has ended (we keep no end date of a course, and a course
	 * that ended before any visit has no end), in the clinic's days.
	 */
	static EpisodeOfCare episodeOfCare(CourseView view, String clinicName, ZoneId zone) {
		EpisodeOfCare episode = new EpisodeOfCare();
		episode.setId(view.course().id().toString());
		episode.setStatus(status(view.course().status()));
		episode.addType()
			.setText(view.course().protocol().name())
			.addCoding(new Coding(PROTOCOL_SYSTEM, view.course().protocol().code(), view.course().protocol().name()));
		episode.setPatient(PatientMapper.reference(view.course().patientId()));
		episode.setManagingOrganization(new Reference().setDisplay(clinicName));
		Period period = new Period().setStartElement(new DateTimeType(view.course().startDate().toString()));
		lastDay(view, zone).ifPresent((day) -> period.setEndElement(new DateTimeType(day.toString())));
		episode.setPeriod(period);
		return episode;
	}

	/**
	 * Our course's status as FHIR's. Induction and maintenance are both care being given.
	 * A discontinued course ended outside its planned course, which is FHIR's definition
	 * of {@code cancelled}; {@code finished} would tell a receiving system it was
	 * completed as planned.
	 */
	static EpisodeOfCare.EpisodeOfCareStatus status(CourseStatus status) {
		return switch (status) {
			case PLANNED -> EpisodeOfCare.EpisodeOfCareStatus.PLANNED;
			case INDUCTION, MAINTENANCE -> EpisodeOfCare.EpisodeOfCareStatus.ACTIVE;
			case COMPLETED -> EpisodeOfCare.EpisodeOfCareStatus.FINISHED;
			case DISCONTINUED -> EpisodeOfCare.EpisodeOfCareStatus.CANCELLED;
		};
	}

	/** The clinic day of the last attended visit of an ended course. */
	static Optional<LocalDate> lastDay(CourseView view, ZoneId zone) {
		if (view.course().status().isOpen()) {
			return Optional.empty();
		}
		return view.appointments()
			.stream()
			.filter((appointment) -> appointment.status() == AppointmentStatus.ATTENDED)
			.map(Appointment::end)
			.max(Comparator.naturalOrder())
			.map((end) -> end.atZone(zone).toLocalDate());
	}

}
