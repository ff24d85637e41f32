package org.ketacare.course;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.clinic.ClinicCalendar;
import org.ketacare.clinic.WeeklyHours;
import org.ketacare.patient.PatientQuery;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.RuleViolationException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Planning a course (find the patient, propose, adjust, book), the course timeline and
 * the actions on its appointments and boosters.
 */
@Controller
class CourseController {

	private final Courses courses;

	private final Boosters boosters;

	private final Protocols protocols;

	private final PatientRegistry patients;

	private final ClinicCalendar calendar;

	private final Clock clock;

	CourseController(Courses courses, Boosters boosters, Protocols protocols, PatientRegistry patients,
			ClinicCalendar calendar, Clock clock) {
		this.courses = courses;
		this.boosters = boosters;
		this.protocols = protocols;
		this.patients = patients;
		this.calendar = calendar;
		this.clock = clock;
	}

	@GetMapping("/courses/plan")
	@PreAuthorize("hasRole('INTAKE')")
	String plan(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) UUID patient,
			@RequestParam(required = false) String q, @RequestParam(required = false) String protocol,
			@RequestParam(required = false) String startDate, @RequestParam Map<String, String> form, Model model,
			HttpServletResponse response) {
		model.addAttribute("q", (q != null) ? q : "");
		model.addAttribute("form", form);
		model.addAttribute("errors", Map.of());
		model.addAttribute("days", DayOfWeek.values());
		if (patient == null) {
			model.addAttribute("found", (q != null && !q.isBlank())
					? this.patients.search(me, PatientQuery.parse(q, null), 0, 20).patients() : List.of());
			return "course/plan-patient";
		}
		model.addAttribute("patient", this.patients.view(me, patient));
		model.addAttribute("courses", this.courses.ofPatient(me, patient));
		model.addAttribute("protocols", this.protocols.all(me.clinicId()));
		model.addAttribute("rooms", this.calendar.rooms(me.clinicId()).stream().filter((r) -> r.active()).toList());
		if (protocol == null) {
			form.putIfAbsent("startDate", LocalDate.now(this.clock.withZone(me.clinicZone())).plusDays(1).toString());
			return "course/plan";
		}
		Map<String, String> errors = new LinkedHashMap<>();
		LocalDate start = date(startDate, "startDate", errors);
		PatientAvailability availability = availability(form, errors);
		if (errors.isEmpty()) {
			try {
				Proposal proposal = this.courses.propose(me, patient, protocol, start, availability);
				model.addAttribute("proposal", proposal);
				if (proposal instanceof Proposal.Found found) {
					model.addAttribute("rows", rows(found, me));
				}
				else {
					model.addAttribute("blocked", proposal);
				}
			}
			catch (InvalidInputException ex) {
				ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
			}
		}
		if (!errors.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		}
		model.addAttribute("errors", errors);
		return "course/plan";
	}

	@PostMapping("/courses")
	@PreAuthorize("hasRole('INTAKE')")
	String book(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) UUID patient,
			@RequestParam(defaultValue = "") String protocol, @RequestParam(defaultValue = "") String startDate,
			@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		if (patient == null) {
			throw new InvalidInputException("patient", "is required");
		}
		Map<String, String> errors = new LinkedHashMap<>();
		LocalDate start = date(startDate, "startDate", errors);
		PatientAvailability availability = availability(form, errors);
		List<StartCourse.AdjustedVisit> visits = new ArrayList<>();
		for (int index = 0; form.containsKey("visits[" + index + "].start"); index++) {
			String field = "visits[" + index + "].start";
			LocalDateTime local = null;
			try {
				local = LocalDateTime.parse(form.get(field));
			}
			catch (DateTimeParseException ex) {
				errors.putIfAbsent(field, "must be a date and time such as 2026-03-02T09:00");
			}
			UUID room = null;
			try {
				room = UUID.fromString(form.getOrDefault("visits[" + index + "].roomId", ""));
			}
			catch (IllegalArgumentException ex) {
				errors.putIfAbsent("visits[" + index + "].roomId", "choose a room");
			}
			visits.add(new StartCourse.AdjustedVisit(
					(local != null) ? local.atZone(me.clinicZone()).toOffsetDateTime() : null, room));
		}
		if (errors.isEmpty()) {
			try {
				CourseView course = this.courses.start(me, patient,
						new StartCourse(protocol, start, availability, visits));
				redirect.addFlashAttribute("message", "Course booked: " + course.appointments().size() + " visits");
				return "redirect:/courses/" + course.course().id();
			}
			catch (InvalidInputException ex) {
				ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
			}
			catch (ConflictException ex) {
				errors.put("conflict", ex.getMessage());
				response.setStatus(HttpServletResponse.SC_CONFLICT);
			}
			catch (RuleViolationException ex) {
				errors.put("conflict", ex.getMessage());
				response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			}
		}
		if (!errors.containsKey("conflict")) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		}
		model.addAttribute("q", "");
		model.addAttribute("days", DayOfWeek.values());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("patient", this.patients.view(me, patient));
		model.addAttribute("courses", this.courses.ofPatient(me, patient));
		model.addAttribute("protocols", this.protocols.all(me.clinicId()));
		model.addAttribute("rooms", this.calendar.rooms(me.clinicId()).stream().filter((r) -> r.active()).toList());
		List<Map<String, String>> rows = new ArrayList<>();
		for (int index = 0; form.containsKey("visits[" + index + "].start"); index++) {
			rows.add(Map.of("start", form.get("visits[" + index + "].start"), "roomId",
					form.getOrDefault("visits[" + index + "].roomId", ""), "label",
					form.getOrDefault("visits[" + index + "].label", "")));
		}
		model.addAttribute("rows", rows);
		return "course/plan";
	}

	@GetMapping("/courses/{courseId}")
	@PreAuthorize("hasAnyRole('INTAKE', 'NURSE', 'PHYSICIAN')")
	String timeline(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID courseId, Model model) {
		return timelinePage(me, courseId, Map.of(), model);
	}

	@PostMapping("/appointments/{appointmentId}/cancel")
	@PreAuthorize("hasRole('INTAKE')")
	String cancel(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID appointmentId,
			@RequestParam UUID course, @RequestParam(defaultValue = "") String reason, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return act(me, course, model, redirect, response, "Cancelled",
				() -> this.courses.cancel(me, appointmentId, reason));
	}

	@PostMapping("/appointments/{appointmentId}/move")
	@PreAuthorize("hasRole('INTAKE')")
	String move(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID appointmentId, @RequestParam UUID course,
			@RequestParam(defaultValue = "") String start, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return act(me, course, model, redirect, response, "Moved", () -> {
			LocalDateTime local;
			try {
				local = LocalDateTime.parse(start);
			}
			catch (DateTimeParseException ex) {
				throw new InvalidInputException("start", "must be a date and time such as 2026-03-02T09:00");
			}
			this.courses.move(me, appointmentId, local.atZone(me.clinicZone()).toOffsetDateTime());
		});
	}

	@PostMapping("/appointments/{appointmentId}/no-show")
	@PreAuthorize("hasAnyRole('INTAKE', 'NURSE')")
	String noShow(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID appointmentId,
			@RequestParam UUID course, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return act(me, course, model, redirect, response, "Recorded as a no-show",
				() -> this.courses.recordNoShow(me, appointmentId));
	}

	@PostMapping("/appointments/{appointmentId}/attended")
	@PreAuthorize("hasAnyRole('INTAKE', 'NURSE')")
	String attended(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID appointmentId,
			@RequestParam UUID course, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return act(me, course, model, redirect, response, "Recorded as attended",
				() -> this.courses.recordAttended(me, appointmentId));
	}

	@PostMapping("/courses/{courseId}/sessions")
	@PreAuthorize("hasRole('INTAKE')")
	String addSession(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID courseId,
			@RequestParam(defaultValue = "") String phase, @RequestParam(defaultValue = "") String from, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return act(me, courseId, model, redirect, response, "Session booked",
				() -> this.courses.addSession(me, courseId, phase, requiredDate(from, "from")));
	}

	@PostMapping("/courses/{courseId}/discontinue")
	@PreAuthorize("hasAnyRole('INTAKE', 'PHYSICIAN')")
	String discontinue(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID courseId,
			@RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return act(me, courseId, model, redirect, response, "Course discontinued; its booked visits are cancelled",
				() -> this.courses.discontinue(me, courseId, reason));
	}

	@PostMapping("/courses/{courseId}/complete")
	@PreAuthorize("hasRole('PHYSICIAN')")
	String complete(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID courseId, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return act(me, courseId, model, redirect, response, "Course completed",
				() -> this.courses.complete(me, courseId));
	}

	@PostMapping("/courses/{courseId}/boosters")
	@PreAuthorize("hasAnyRole('PHYSICIAN', 'NURSE')")
	String suggestBooster(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID courseId,
			@RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return act(me, courseId, model, redirect, response, "Booster suggested; a physician confirms it",
				() -> this.boosters.suggest(me, courseId, reason));
	}

	@PostMapping("/courses/{courseId}/boosters/{requestId}/decide")
	@PreAuthorize("hasRole('PHYSICIAN')")
	String decideBooster(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID courseId,
			@PathVariable UUID requestId, @RequestParam(defaultValue = "") String decision,
			@RequestParam(defaultValue = "") String password, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		boolean confirm = "confirm".equals(decision);
		return act(me, courseId, model, redirect, response, confirm ? "Booster confirmed" : "Booster declined",
				() -> this.boosters.decide(me, requestId, confirm, password));
	}

	@PostMapping("/courses/{courseId}/boosters/{requestId}/book")
	@PreAuthorize("hasRole('INTAKE')")
	String bookBooster(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID courseId,
			@PathVariable UUID requestId, @RequestParam(defaultValue = "") String from, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return act(me, courseId, model, redirect, response, "Booster booked",
				() -> this.boosters.book(me, requestId, requiredDate(from, "from")));
	}

	private static List<Map<String, String>> rows(Proposal.Found found, StaffPrincipal me) {
		return found.visits()
			.stream()
			.map((visit) -> Map.of("start", visit.start().toLocalDateTime().toString(), "roomId",
					visit.roomId().toString(), "label",
					((visit.kind() == VisitKind.INFUSION) ? "Infusion " + visit.number() + " (" + visit.phase() + ")"
							: "Follow-up visit")))
			.toList();
	}

	private String act(StaffPrincipal me, UUID courseId, Model model, RedirectAttributes redirect,
			HttpServletResponse response, String message, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("message", message);
			return "redirect:/courses/" + courseId;
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			Map<String, String> errors = new LinkedHashMap<>();
			ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
			return timelinePage(me, courseId, errors, model);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			return timelinePage(me, courseId, Map.of("conflict", ex.getMessage()), model);
		}
		catch (RuleViolationException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return timelinePage(me, courseId, Map.of("conflict", ex.getMessage()), model);
		}
	}

	private String timelinePage(StaffPrincipal me, UUID courseId, Map<String, String> errors, Model model) {
		CourseView view = this.courses.view(me, courseId);
		model.addAttribute("view", view);
		model.addAttribute("errors", errors);
		model.addAttribute("zone", me.clinicZone());
		model.addAttribute("now", this.clock.instant());
		model.addAttribute("today", LocalDate.now(this.clock.withZone(me.clinicZone())));
		return "course/timeline";
	}

	private static LocalDate requiredDate(String text, String field) {
		Map<String, String> errors = new LinkedHashMap<>();
		LocalDate date = date(text, field, errors);
		if (date == null) {
			throw new InvalidInputException(field, errors.getOrDefault(field, "is required, such as 2026-03-02"));
		}
		return date;
	}

	private static LocalDate date(String text, String field, Map<String, String> errors) {
		if (text == null || text.isBlank()) {
			errors.putIfAbsent(field, "is required, such as 2026-03-02");
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			errors.putIfAbsent(field, "must be a date such as 2026-03-02");
			return null;
		}
	}

	/**
	 * The patient's stated availability: the ticked weekdays between two times, or any
	 * time when no day is ticked.
	 */
	private static PatientAvailability availability(Map<String, String> form, Map<String, String> errors) {
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			if (form.containsKey("available-" + day)) {
				days.add(day);
			}
		}
		if (days.isEmpty()) {
			return PatientAvailability.anyTime();
		}
		LocalTime from = time(form.getOrDefault("availableFrom", ""), LocalTime.MIN, "availableFrom", errors);
		LocalTime to = time(form.getOrDefault("availableTo", ""), LocalTime.MAX, "availableTo", errors);
		if (from == null || to == null) {
			return PatientAvailability.anyTime();
		}
		if (!to.isAfter(from)) {
			errors.putIfAbsent("availableTo", "must be after the first time");
			return PatientAvailability.anyTime();
		}
		return new PatientAvailability(days.stream().map((day) -> new WeeklyHours(day, from, to)).toList());
	}

	private static LocalTime time(String text, LocalTime whenEmpty, String field, Map<String, String> errors) {
		if (text.isBlank()) {
			return whenEmpty;
		}
		try {
			return LocalTime.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			errors.putIfAbsent(field, "must be a time such as 09:00");
			return null;
		}
	}

}
