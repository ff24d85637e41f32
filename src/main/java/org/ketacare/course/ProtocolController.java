package org.ketacare.course;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The clinic administrator's protocols page: the standard one and the clinic's own. */
@Controller
@PreAuthorize("hasRole('CLINIC_ADMIN')")
class ProtocolController {

	/** Rows for phases on the form; empty rows are ignored. */
	private static final int PHASE_ROWS = 3;

	private final Protocols protocols;

	ProtocolController(Protocols protocols) {
		this.protocols = protocols;
	}

	@GetMapping("/admin/protocols")
	String list(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		return page(me, model, Map.of(), Map.of());
	}

	@PostMapping("/admin/protocols")
	String add(@AuthenticationPrincipal StaffPrincipal me, @RequestParam Map<String, String> form, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		Map<String, String> errors = new LinkedHashMap<>();
		List<NewProtocol.PhaseRow> phases = new ArrayList<>();
		for (int index = 0; index < PHASE_ROWS; index++) {
			String prefix = "phases[" + index + "].";
			boolean empty = List.of("name", "sessions", "windowDays", "minimumIntervalHours", "preferredPerWeek")
				.stream()
				.allMatch((field) -> form.getOrDefault(prefix + field, "").isBlank());
			if (!empty) {
				phases.add(new NewProtocol.PhaseRow(form.get(prefix + "name"),
						number(form, prefix + "sessions", errors), number(form, prefix + "windowDays", errors),
						number(form, prefix + "minimumIntervalHours", errors),
						number(form, prefix + "preferredPerWeek", errors)));
			}
		}
		NewProtocol command = new NewProtocol(form.get("code"), form.get("name"),
				number(form, "infusionMinutes", errors), number(form, "observationMinutes", errors),
				number(form, "followUpDays", errors), number(form, "maintenanceMinDays", errors),
				number(form, "maintenanceMaxDays", errors), phases);
		if (errors.isEmpty()) {
			try {
				Protocol protocol = this.protocols.add(me, command);
				redirect.addFlashAttribute("message", "Added the protocol " + protocol.name());
				return "redirect:/admin/protocols";
			}
			catch (InvalidInputException ex) {
				ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return page(me, model, errors, form);
	}

	private String page(StaffPrincipal me, Model model, Map<String, String> errors, Map<String, String> form) {
		model.addAttribute("protocols", this.protocols.all(me.clinicId()));
		model.addAttribute("errors", errors);
		model.addAttribute("form", form);
		model.addAttribute("phaseRows", List.of(0, 1, 2));
		return "course/protocols";
	}

	private static Integer number(Map<String, String> form, String field, Map<String, String> errors) {
		String text = form.getOrDefault(field, "").strip();
		if (text.isEmpty()) {
			return null;
		}
		try {
			return Integer.valueOf(text);
		}
		catch (NumberFormatException ex) {
			errors.putIfAbsent(field, "must be a whole number");
			return null;
		}
	}

}
