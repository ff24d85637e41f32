package org.ketacare.course;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ketacare.clinic.ClinicSettings;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The clinic's day and week schedule, and the reminder outbox. */
@Controller
class ScheduleController {

	private final Courses courses;

	private final ClinicSettings settings;

	private final ReminderOutbox outbox;

	private final java.time.Clock clock;

	ScheduleController(Courses courses, ClinicSettings settings, ReminderOutbox outbox, java.time.Clock clock) {
		this.courses = courses;
		this.settings = settings;
		this.outbox = outbox;
		this.clock = clock;
	}

	@GetMapping("/schedule")
	@PreAuthorize("hasAnyRole('INTAKE', 'NURSE', 'PHYSICIAN', 'CLINIC_ADMIN')")
	String day(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) LocalDate date,
			Model model) {
		LocalDate day = (date != null) ? date : today(me.clinicZone());
		DaySchedule schedule = this.courses.day(me, day);
		model.addAttribute("day", day);
		model.addAttribute("grid",
				DayGrid.of(schedule, day, this.settings.integer(me.clinicId(), CourseSettings.SLOT_MINUTES)));
		model.addAttribute("zone", me.clinicZone());
		return "course/day";
	}

	@GetMapping("/schedule/week")
	@PreAuthorize("hasAnyRole('INTAKE', 'NURSE', 'PHYSICIAN', 'CLINIC_ADMIN')")
	String week(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) LocalDate date,
			Model model) {
		LocalDate monday = ((date != null) ? date : today(me.clinicZone()))
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		DaySchedule schedule = this.courses.schedule(me, monday, monday.plusDays(7));
		Map<LocalDate, List<DaySchedule.Visit>> days = new LinkedHashMap<>();
		for (int offset = 0; offset < 7; offset++) {
			LocalDate day = monday.plusDays(offset);
			days.put(day, schedule.visits()
				.stream()
				.filter((visit) -> visit.appointment().start().atZone(me.clinicZone()).toLocalDate().equals(day))
				.toList());
		}
		model.addAttribute("monday", monday);
		model.addAttribute("days", days);
		model.addAttribute("zone", me.clinicZone());
		return "course/week";
	}

	@GetMapping("/schedule/outbox")
	@PreAuthorize("hasAnyRole('INTAKE', 'CLINIC_ADMIN')")
	String outbox(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		model.addAttribute("entries", this.outbox.latest(me, 200));
		model.addAttribute("zone", me.clinicZone());
		return "course/outbox";
	}

	private LocalDate today(ZoneId zone) {
		return LocalDate.now(this.clock.withZone(zone));
	}

}
