package org.ketacare.clinic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
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
 * Clinic settings pages: administrators see and change them, physicians sign clinical
 * changes off.
 */
@Controller
class SettingsController {

	private final ClinicSettings settings;

	SettingsController(ClinicSettings settings) {
		this.settings = settings;
	}

	@GetMapping("/settings")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'PHYSICIAN')")
	String overview(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		Map<String, List<ClinicSettings.SettingState>> groups = this.settings.overview(me.clinicId())
			.stream()
			.collect(Collectors.groupingBy((state) -> state.definition().group(), LinkedHashMap::new,
					Collectors.toList()));
		model.addAttribute("groups", groups);
		return "clinic/settings";
	}

	@GetMapping("/settings/pending")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'PHYSICIAN')")
	String pending(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		return pendingPage(me, model, Map.of(), null);
	}

	@GetMapping("/settings/{key}")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'PHYSICIAN')")
	String show(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String key, Model model) {
		return settingPage(me, key, Map.of(), Map.of(), model);
	}

	@PostMapping("/settings/{key}")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String propose(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String key,
			@RequestParam(defaultValue = "") String value, @RequestParam(defaultValue = "") String reason, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			SettingChange change = this.settings.propose(me, key, value, reason);
			redirect.addFlashAttribute("message", (change.status() == SettingChange.Status.PENDING)
					? "Proposed; it comes into force when a physician signs it" : "Saved; in force now");
			return "redirect:/settings/" + key;
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			Map<String, String> errors = new LinkedHashMap<>();
			ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
			return settingPage(me, key, errors, Map.of("value", value, "reason", reason), model);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			return settingPage(me, key, Map.of("conflict", ex.getMessage()), Map.of("value", value, "reason", reason),
					model);
		}
	}

	@PostMapping("/settings/changes/{changeId}/approve")
	@PreAuthorize("hasRole('PHYSICIAN')")
	String approve(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID changeId,
			@RequestParam(defaultValue = "") String password, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return decide(me, changeId, model, redirect, response, true, password);
	}

	@PostMapping("/settings/changes/{changeId}/reject")
	@PreAuthorize("hasRole('PHYSICIAN')")
	String reject(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID changeId,
			@RequestParam(defaultValue = "") String password, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return decide(me, changeId, model, redirect, response, false, password);
	}

	private String decide(StaffPrincipal me, UUID changeId, Model model, RedirectAttributes redirect,
			HttpServletResponse response, boolean approve, String password) {
		try {
			SettingChange change = approve ? this.settings.approve(me, changeId, password)
					: this.settings.reject(me, changeId, password);
			redirect.addFlashAttribute("message", (approve ? "Signed: " : "Rejected: ") + change.key() + " = "
					+ change.value() + (approve ? ", in force now" : ""));
			return "redirect:/settings/pending";
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return pendingPage(me, model, Map.of("password", ex.errors().get(0).message()), changeId);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			return pendingPage(me, model, Map.of("conflict", ex.getMessage()), changeId);
		}
	}

	private String pendingPage(StaffPrincipal me, Model model, Map<String, String> errors, UUID failedChange) {
		model.addAttribute("changes",
				this.settings.pending(me.clinicId())
					.stream()
					.map((change) -> Map.of("change", change, "definition", this.settings.definition(change.key()),
							"current", this.settings.value(me.clinicId(), change.key())))
					.toList());
		model.addAttribute("errors", errors);
		model.addAttribute("failedChange", failedChange);
		return "clinic/settings-pending";
	}

	private String settingPage(StaffPrincipal me, String key, Map<String, String> errors, Map<String, String> form,
			Model model) {
		SettingDefinition definition = this.settings.definition(key);
		model.addAttribute("definition", definition);
		model.addAttribute("value", this.settings.value(me.clinicId(), key));
		model.addAttribute("history", this.settings.history(me.clinicId(), key));
		model.addAttribute("errors", errors);
		model.addAttribute("form", form);
		return "clinic/setting";
	}

}
