package org.ketacare.therapy;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.patient.PatientQuery;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

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
 * The therapist's pages: integration sessions due, and a patient's sessions with the form
 * to record and sign one. Physicians see the sessions without their notes.
 */
@Controller
class TherapyController {

	private final TherapySessions sessions;

	private final PatientRegistry patients;

	private final java.time.Clock clock;

	TherapyController(TherapySessions sessions, PatientRegistry patients, java.time.Clock clock) {
		this.sessions = sessions;
		this.patients = patients;
		this.clock = clock;
	}

	@GetMapping("/therapy")
	@PreAuthorize("hasRole('THERAPIST')")
	String worklist(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String q, Model model) {
		model.addAttribute("due", this.sessions.integrationDue(me));
		model.addAttribute("q", q);
		if (q != null && !q.isBlank()) {
			model.addAttribute("found", this.patients.search(me, PatientQuery.parse(q, null), 0, 20).patients());
		}
		model.addAttribute("zone", me.clinicZone());
		return "therapy/worklist";
	}

	@GetMapping("/patients/{patientId}/therapy")
	@PreAuthorize("hasAnyRole('THERAPIST', 'PHYSICIAN')")
	String sessions(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId, Model model) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("heldAt",
				LocalDateTime.now(this.clock.withZone(me.clinicZone())).truncatedTo(ChronoUnit.MINUTES).toString());
		form.put("minutes", "50");
		return page(me, patientId, model, form, Map.of(), null);
	}

	@PostMapping("/patients/{patientId}/therapy")
	@PreAuthorize("hasRole('THERAPIST')")
	String record(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId,
			@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			TherapySession session = this.sessions.record(me, patientId,
					new TherapyCommands.NewSession(form.get("kind"), form.get("heldAt"), minutes(form.get("minutes")),
							form.get("note"), form.get("password")));
			redirect.addFlashAttribute("message", session.kind().label() + " session recorded and signed");
			return "redirect:/patients/" + patientId + "/therapy#session-" + session.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			form.remove("password");
			return page(me, patientId, model, form, errors(ex), null);
		}
	}

	@PostMapping("/therapy/sessions/{sessionId}/addenda")
	@PreAuthorize("hasRole('THERAPIST')")
	String addendum(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID sessionId,
			@RequestParam Map<String, String> form, @RequestParam UUID patientId, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			this.sessions.addendum(me, sessionId,
					new TherapyCommands.NewAddendum(form.get("text"), form.get("reason")));
			redirect.addFlashAttribute("message", "Addendum recorded; the signed note is kept as it was");
			return "redirect:/patients/" + patientId + "/therapy#session-" + sessionId;
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return page(me, patientId, model, form, errors(ex), sessionId);
		}
	}

	private String page(StaffPrincipal me, UUID patientId, Model model, Map<String, String> form,
			Map<String, String> errors, UUID failedAddendum) {
		model.addAttribute("sessions", this.sessions.ofPatient(me, patientId));
		model.addAttribute("patient", this.patients.get(me.clinicId(), patientId));
		model.addAttribute("therapist", me.hasRole(Role.THERAPIST));
		model.addAttribute("kinds", kinds());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("failedAddendum", failedAddendum);
		model.addAttribute("zone", me.clinicZone());
		return "therapy/patient";
	}

	private static Map<String, String> kinds() {
		Map<String, String> kinds = new LinkedHashMap<>();
		for (SessionKind kind : SessionKind.values()) {
			kinds.put(kind.name(), kind.label());
		}
		return kinds;
	}

	private static Integer minutes(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("minutes", "must be a whole number of minutes");
		}
	}

	private static Map<String, String> errors(InvalidInputException ex) {
		Map<String, String> errors = new LinkedHashMap<>();
		ex.errors().forEach((e) -> errors.putIfAbsent(e.field(), e.message()));
		return errors;
	}

}
