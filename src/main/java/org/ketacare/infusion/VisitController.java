package org.ketacare.infusion;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.ketacare.course.Courses;
import org.ketacare.course.DaySchedule;
import org.ketacare.course.VisitKind;
import org.ketacare.ledger.Ledger;
import org.ketacare.outcomes.Instrument;
import org.ketacare.outcomes.Instruments;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.RuleViolationException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * The pages of the infusion visit: the live board, check-in, the chart with a form per
 * step (errors beside their fields, nothing saved), the discharge sheet and the patient's
 * sessions.
 */
@Controller
@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN')")
class VisitController {

	private final Visits visits;

	private final Courses courses;

	private final Ledger ledger;

	private static final DateTimeFormatter BOARD_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private final java.time.Clock clock;

	/** The CADSS-6 items and answer labels the chart asks with. */
	private final Instrument cadss;

	VisitController(Visits visits, Courses courses, Ledger ledger, java.time.Clock clock, Instruments instruments) {
		this.visits = visits;
		this.courses = courses;
		this.ledger = ledger;
		this.clock = clock;
		this.cadss = instruments.get(MonitoringRatings.CADSS_INSTRUMENT, "instrument");
	}

	@GetMapping("/infusions")
	String board(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		model.addAttribute("rows", this.visits.board(me, true));
		// Only a physician opens and acknowledges a safety alert; a nurse sees that there
		// is one.
		model.addAttribute("isPhysician", me.hasRole(org.ketacare.platform.Role.PHYSICIAN));
		LocalDate today = LocalDate.now(this.clock.withZone(me.clinicZone()));
		DaySchedule day = this.courses.day(me, today);
		List<DaySchedule.Visit> toCheckIn = day.visits()
			.stream()
			.filter((v) -> v.appointment().kind() == VisitKind.INFUSION
					&& v.appointment().status() == org.ketacare.course.AppointmentStatus.BOOKED
					&& this.visits.visitOfAppointment(me, v.appointment().id()).isEmpty())
			.toList();
		model.addAttribute("toCheckIn", toCheckIn);
		model.addAttribute("zone", me.clinicZone());
		model.addAttribute("updatedAt", clinicTime(me));
		return "infusion/board";
	}

	/**
	 * The board's rows alone, fetched every two seconds by static/js/infusion-board.js.
	 */
	@GetMapping("/infusions/board")
	String boardRows(@AuthenticationPrincipal StaffPrincipal me, Model model, HttpServletResponse response) {
		model.addAttribute("rows", this.visits.board(me, false));
		model.addAttribute("isPhysician", me.hasRole(org.ketacare.platform.Role.PHYSICIAN));
		model.addAttribute("zone", me.clinicZone());
		// The clinic's time, not the tablet's: a tablet with a wrong clock or zone must
		// not make a stale board look fresh.
		response.setHeader("X-Board-Time", clinicTime(me));
		return "infusion/board :: rows";
	}

	private String clinicTime(StaffPrincipal me) {
		return LocalTime.now(this.clock.withZone(me.clinicZone())).format(BOARD_TIME);
	}

	@GetMapping("/appointments/{appointmentId}/check-in")
	String checkInForm(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID appointmentId, Model model) {
		Optional<UUID> visit = this.visits.visitOfAppointment(me, appointmentId);
		if (visit.isPresent()) {
			return "redirect:/visits/" + visit.get();
		}
		model.addAttribute("appointmentId", appointmentId);
		model.addAttribute("form", Map.of());
		model.addAttribute("errors", Map.of());
		return "infusion/check-in";
	}

	@PostMapping("/appointments/{appointmentId}/check-in")
	String checkIn(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID appointmentId,
			@RequestParam Map<String, String> form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			VisitChart.Header visit = this.visits.checkIn(me, appointmentId,
					new VisitCommands.CheckIn("true".equals(form.get("identityConfirmed")), decimal(form, "weightKg"),
							form.get("escortName"), form.get("escortPhone")));
			redirect.addFlashAttribute("message", visit.patientName() + " is checked in");
			return "redirect:/visits/" + visit.id();
		}
		catch (InvalidInputException | ConflictException ex) {
			model.addAttribute("appointmentId", appointmentId);
			model.addAttribute("form", form);
			model.addAttribute("errors", errors(ex));
			response.setStatus((ex instanceof ConflictException) ? 409 : 400);
			return "infusion/check-in";
		}
	}

	@GetMapping("/visits/{visitId}")
	String chart(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID visitId, Model model) {
		return chartPage(me, visitId, model, Map.of(), Map.of(), null);
	}

	@PostMapping("/visits/{visitId}/{step}")
	String step(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID visitId, @PathVariable String step,
			@RequestParam Map<String, String> form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			String message = perform(me, visitId, step, form);
			redirect.addFlashAttribute("message", message);
			return "redirect:/visits/" + visitId + "#" + step;
		}
		catch (InvalidInputException | ConflictException | RuleViolationException ex) {
			response
				.setStatus((ex instanceof InvalidInputException) ? 400 : (ex instanceof ConflictException) ? 409 : 422);
			Map<String, String> kept = new HashMap<>(form);
			kept.keySet().removeIf((key) -> key.toLowerCase(java.util.Locale.ROOT).contains("password"));
			Map<String, String> errors = errors(ex);
			if ("override".equals(step)) {
				renameField(errors, "reason", "overrideReason");
				renameField(errors, "password", "overridePassword");
			}
			if ("amendment".equals(step)) {
				AmendmentForm.of(form).rename(errors);
			}
			if ("assessment".equals(step)) {
				// The service names items by index (cadss[0]); the form numbers them from
				// 1.
				for (int i = 0; i < this.cadss.items().size(); i++) {
					renameField(errors, "cadss[" + i + "]", "cadss" + (i + 1));
				}
			}
			return chartPage(me, visitId, model, kept, errors, step);
		}
	}

	private String perform(StaffPrincipal me, UUID visitId, String step, Map<String, String> form) {
		return switch (step) {
			case "checks" -> {
				List<String> meds = Arrays.stream(form.getOrDefault("newMedications", "").split("\\R"))
					.map(String::strip)
					.filter((line) -> !line.isEmpty())
					.toList();
				this.visits.recordChecks(me, visitId,
						new VisitCommands.Checks("true".equals(form.get("fasting")), form.get("pregnancyTest"), meds));
				yield "Pre-infusion checks recorded";
			}
			case "vitals" -> {
				Visits.VitalsRecorded recorded = this.visits.recordVitals(me, visitId,
						new VisitCommands.Vitals(null, integer(form, "systolic"), integer(form, "diastolic"),
								integer(form, "heartRate"), integer(form, "spo2"), integer(form, "respiratoryRate")));
				yield recorded.alarms().isEmpty() ? "Vital signs recorded" : "ALARM: "
						+ String.join(" ", recorded.alarms().stream().map(VisitChart.Alarm::message).toList());
			}
			case "alarm" -> {
				this.visits.respondToAlarm(me, visitId, uuid(form, "alarmId"),
						new VisitCommands.AlarmResponse(form.get("response"), "true".equals(form.get("pause"))));
				yield "Response to the alarm recorded";
			}
			case "override" -> {
				this.visits.override(me, visitId, new VisitCommands.Override(form.get("kind"),
						form.get("overrideReason"), form.get("overridePassword")));
				yield "Override signed";
			}
			case "dose-order" -> {
				VisitChart.DoseOrder order = this.visits.orderDose(me, visitId,
						new VisitCommands.DoseOrder(decimal(form, "mgPerKg"), integer(form, "durationMinutes"),
								form.get("weightBasis"), form.get("reason"), form.get("password")));
				yield "Dose ordered: " + DoseCalculator.plain(order.doseMg()) + " mg at "
						+ DoseCalculator.plain(order.rateMlPerHour()) + " mL/h";
			}
			case "preparation" -> {
				this.visits.prepare(me, visitId,
						new VisitCommands.Preparation(form.get("site"), integer(form, "gauge"),
								List.of(new VisitCommands.VialDraw(uuid(form, "vialId"), decimal(form, "mg"))),
								decimal(form, "drawnMl"), form.get("diluent"), decimal(form, "finalVolumeMl"),
								form.get("checkerUsername"), form.get("checkerPassword")));
				yield "IV prepared and checked";
			}
			case "infusion" -> {
				VisitChart.Header visit = this.visits.timeline(me, visitId, new VisitCommands.TimelineEvent(
						form.get("kind"), null, decimal(form, "rateMgPerHour"), form.get("reason")));
				yield "Infusion: " + visit.status().label().toLowerCase(java.util.Locale.ROOT);
			}
			case "waste" -> {
				this.visits.wasteRemainder(me, visitId, new VisitCommands.Waste(form.get("method"),
						form.get("witnessUsername"), form.get("witnessPassword")));
				yield "Remainder wasted and witnessed";
			}
			case "assessment" -> {
				List<Integer> items = new ArrayList<>();
				for (int i = 1; i <= this.cadss.items().size(); i++) {
					items.add(integer(form, "cadss" + i));
				}
				VisitChart.Assessment assessment = this.visits.assess(me, visitId,
						new VisitCommands.Assessment(items, integer(form, "moaas")));
				yield "CADSS-6 " + assessment.cadssTotal() + ", MOAA/S " + assessment.moaas() + " recorded";
			}
			case "adverse-event" -> {
				this.visits.adverseEvent(me, visitId, new VisitCommands.AdverseEvent(form.get("type"),
						form.get("description"), form.get("severity"), form.get("action"), form.get("outcome")));
				yield "Adverse event recorded";
			}
			case "discharge" -> {
				this.visits.discharge(me, visitId,
						new VisitCommands.Discharge(checked(form, "vitalsNearBaseline"),
								checked(form, "alertAndOriented"), checked(form, "walksSteadily"),
								checked(form, "minimalNausea"), checked(form, "escortPresent"), form.get("password")));
				yield "Discharge signed: print the instructions for the patient";
			}
			case "sign" -> {
				VisitChart.Header visit = this.visits.sign(me, visitId, new VisitCommands.Sign(form.get("password")));
				yield (visit.status() == VisitStatus.CLOSED) ? "Chart signed and closed" : "Chart signed";
			}
			case "amendment" -> {
				AmendmentForm names = AmendmentForm.of(form);
				this.visits.amend(me, visitId,
						new VisitCommands.Amendment(names.target(),
								(names.targetId() != null) ? uuid(form, names.targetId()) : null,
								(names.field() != null) ? form.get(names.field()) : "addendum", form.get(names.value()),
								form.get(names.reason())));
				yield (names.field() != null) ? "Amendment recorded; the original is kept" : "Late entry recorded";
			}
			default -> throw new org.ketacare.platform.NotFoundException("Step " + step);
		};
	}

	/**
	 * Each CADSS-6 answer by its score and label; the empty first choice makes a skipped
	 * item an error rather than a silent 0.
	 */
	private Map<String, String> cadssOptions() {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("", "Choose a rating");
		for (Instrument.AnswerOption option : this.cadss.options()) {
			options.put(String.valueOf(option.score()), option.score() + " — " + option.label());
		}
		return options;
	}

	private String chartPage(StaffPrincipal me, UUID visitId, Model model, Map<String, String> form,
			Map<String, String> errors, String failedStep) {
		VisitChart chart = this.visits.chart(me, visitId);
		model.addAttribute("chart", chart);
		model.addAttribute("svg", VitalsSvg.of(chart, me.clinicZone()));
		model.addAttribute("cadssItems", this.cadss.items());
		model.addAttribute("cadssOptions", cadssOptions());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("failedStep", failedStep);
		model.addAttribute("zone", me.clinicZone());
		model.addAttribute("me", me);
		model.addAttribute("isPhysician", me.hasRole(org.ketacare.platform.Role.PHYSICIAN));
		model.addAttribute("vials",
				(chart.visit().status() == VisitStatus.ORDERED) ? this.ledger.drawableVials(me) : List.of());
		// Titration looks at the recent sessions; the patient's page lists them all.
		model.addAttribute("sessions", this.visits.sessions(me, chart.visit().patientId(), 12));
		return "infusion/chart";
	}

	@GetMapping("/visits/{visitId}/discharge.pdf")
	ResponseEntity<byte[]> dischargePdf(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID visitId) {
		VisitChart chart = this.visits.chart(me, visitId);
		if (chart.discharge() == null) {
			throw new ConflictException("The discharge instructions are printed once the discharge is signed");
		}
		byte[] pdf = DischargeInstructions.pdf(chart, me.clinicName(), me.clinicZone(),
				this.visits.nextAppointment(me, chart.visit()));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"discharge-" + chart.visit().mrn() + ".pdf\"")
			.body(pdf);
	}

	@GetMapping("/patients/{patientId}/infusions")
	String sessions(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId, Model model) {
		model.addAttribute("sessions", this.visits.sessions(me, patientId, 1000));
		model.addAttribute("patientId", patientId);
		model.addAttribute("zone", me.clinicZone());
		return "infusion/sessions";
	}

	/**
	 * The names of one amendment form's fields: the chart has a form per target (vital
	 * signs, adverse event, assessment, late entry), and each field needs its own name on
	 * the page for its label and its error.
	 */
	private record AmendmentForm(String target, String targetId, String field, String value, String reason) {

		private static final Map<String, AmendmentForm> BY_TARGET = Map.of("vitals",
				new AmendmentForm("vitals", "targetId", "field", "value", "amendmentReason"), "adverse-event",
				new AmendmentForm("adverse-event", "adverseEventId", "adverseEventField", "adverseEventValue",
						"adverseEventReason"),
				"assessment",
				new AmendmentForm("assessment", "assessmentId", "assessmentField", "assessmentValue",
						"assessmentReason"),
				"visit", new AmendmentForm("visit", null, null, "addendum", "addendumReason"));

		/** The form the page sent; vital signs when it names none, as before. */
		static AmendmentForm of(Map<String, String> form) {
			return BY_TARGET.getOrDefault(form.getOrDefault("target", "vitals"), BY_TARGET.get("vitals"));
		}

		/** Puts the service's errors beside this form's fields. */
		void rename(Map<String, String> errors) {
			renameField(errors, "value", this.value);
			renameField(errors, "reason", this.reason);
			if (this.targetId != null) {
				renameField(errors, "targetId", this.targetId);
				renameField(errors, "field", this.field);
			}
		}

	}

	private static Map<String, String> errors(RuntimeException ex) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (ex instanceof InvalidInputException invalid) {
			invalid.errors().forEach((e) -> errors.putIfAbsent(e.field(), e.message()));
		}
		else {
			errors.put("form", ex.getMessage());
		}
		return errors;
	}

	private static void renameField(Map<String, String> errors, String from, String to) {
		String message = errors.remove(from);
		if (message != null) {
			errors.put(to, message);
		}
	}

	private static Boolean checked(Map<String, String> form, String name) {
		return "true".equals(form.get(name));
	}

	private static BigDecimal decimal(Map<String, String> form, String field) {
		String value = form.get(field);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(field, "must be a number such as 0.5");
		}
	}

	private static Integer integer(Map<String, String> form, String field) {
		String value = form.get(field);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(field, "must be a whole number");
		}
	}

	private static UUID uuid(Map<String, String> form, String field) {
		try {
			return UUID.fromString(form.getOrDefault(field, "").strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(field, "must be chosen");
		}
	}

}
