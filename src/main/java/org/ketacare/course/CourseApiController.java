package org.ketacare.course;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Courses and the schedule for other systems: start a course, read a day, move and cancel
 * appointments. Times are ISO-8601 with the clinic's offset.
 */
@RestController
class CourseApiController {

	private final Courses courses;

	CourseApiController(Courses courses) {
		this.courses = courses;
	}

	@PostMapping("/api/v1/patients/{patientId}/courses")
	@PreAuthorize("hasRole('INTAKE')")
	@ResponseStatus(HttpStatus.CREATED)
	CourseJson start(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId,
			@RequestBody(required = false) StartCourseBody body) {
		requireBody(body);
		CourseView view = this.courses.start(me, patientId,
				new StartCourse(body.protocol(), body.startDate(), null, List.of()));
		return CourseJson.of(view, me.clinicZone());
	}

	@GetMapping("/api/v1/courses/{courseId}")
	@PreAuthorize("hasAnyRole('INTAKE', 'NURSE', 'PHYSICIAN')")
	CourseJson course(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID courseId) {
		return CourseJson.of(this.courses.view(me, courseId), me.clinicZone());
	}

	@GetMapping("/api/v1/schedule")
	@PreAuthorize("hasAnyRole('INTAKE', 'NURSE', 'PHYSICIAN')")
	ScheduleJson schedule(@AuthenticationPrincipal StaffPrincipal me, @RequestParam LocalDate date) {
		DaySchedule day = this.courses.day(me, date);
		return new ScheduleJson(date, me.clinicZone().getId(),
				day.visits()
					.stream()
					.map((visit) -> AppointmentJson.of(visit.appointment(), visit.patientName(), me.clinicZone()))
					.toList());
	}

	@PostMapping("/api/v1/appointments/{appointmentId}/cancel")
	@PreAuthorize("hasRole('INTAKE')")
	AppointmentJson cancel(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID appointmentId,
			@RequestBody(required = false) CancelBody body) {
		requireBody(body);
		return AppointmentJson.of(this.courses.cancel(me, appointmentId, body.reason()), null, me.clinicZone());
	}

	@PostMapping("/api/v1/appointments/{appointmentId}/move")
	@PreAuthorize("hasRole('INTAKE')")
	AppointmentJson move(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID appointmentId,
			@RequestBody(required = false) MoveBody body) {
		requireBody(body);
		return AppointmentJson.of(this.courses.move(me, appointmentId, body.start()), null, me.clinicZone());
	}

	/**
	 * Bodies are optional to Spring so that authorization answers before a missing body
	 * does; a missing body is still refused.
	 */
	private static void requireBody(Object body) {
		if (body == null) {
			throw new InvalidInputException("body", "is required: send the request as JSON");
		}
	}

	record StartCourseBody(String protocol, LocalDate startDate) {
	}

	record CancelBody(String reason) {
	}

	record MoveBody(OffsetDateTime start) {
	}

	record CourseJson(UUID id, UUID patientId, String protocol, LocalDate startDate, String status, String statusReason,
			List<AppointmentJson> appointments, List<Deviation> deviations) {

		static CourseJson of(CourseView view, ZoneId zone) {
			return new CourseJson(view.course().id(), view.course().patientId(), view.course().protocol().code(),
					view.course().startDate(), view.course().status().name().toLowerCase(),
					view.course().statusReason(),
					view.appointments().stream().map((a) -> AppointmentJson.of(a, null, zone)).toList(),
					view.deviations());
		}

	}

	record AppointmentJson(UUID id, UUID courseId, UUID patientId, String patientName, String kind, String phase,
			int number, OffsetDateTime start, OffsetDateTime end, String room, UUID roomId, String status,
			String statusReason) {

		static AppointmentJson of(Appointment appointment, String patientName, ZoneId zone) {
			return new AppointmentJson(appointment.id(), appointment.courseId(), appointment.patientId(), patientName,
					appointment.kind().code(), appointment.phase(), appointment.number(),
					appointment.start().atZone(zone).toOffsetDateTime(),
					appointment.end().atZone(zone).toOffsetDateTime(), appointment.roomName(), appointment.roomId(),
					appointment.status().name().toLowerCase(), appointment.statusReason());
		}

	}

	record ScheduleJson(LocalDate date, String timeZone, List<AppointmentJson> appointments) {
	}

}
