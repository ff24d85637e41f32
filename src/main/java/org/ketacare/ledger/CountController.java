package org.ketacare.ledger;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.platform.FieldErrors;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.RuleViolationException;
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
 * Counts with two signatures, inventories, and the discrepancies they find.
 */
@Controller
class CountController {

	private static final String PHYSICAL = "physicalMl[";

	private final Counts counts;

	private final Ledger ledger;

	private final LedgerQueries queries;

	CountController(Counts counts, Ledger ledger, LedgerQueries queries) {
		this.counts = counts;
		this.ledger = ledger;
		this.queries = queries;
	}

	@GetMapping("/ledger/counts")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'CLINIC_ADMIN')")
	String counts(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		model.addAttribute("counts", this.counts.recentCounts(me.clinicId(), 100));
		return "ledger/counts";
	}

	@GetMapping("/ledger/counts/new")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'CLINIC_ADMIN')")
	String initCountForm(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		return countPage(me, false, Map.of("kind", "DAILY"), Map.of(), model);
	}

	@PostMapping("/ledger/counts")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'CLINIC_ADMIN')")
	String processCountForm(@AuthenticationPrincipal StaffPrincipal me, @RequestParam Map<String, String> form,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return record(me, false, form, model, redirect, response);
	}

	@GetMapping("/ledger/inventories/new")
	@PreAuthorize("hasAnyRole('PHYSICIAN', 'CLINIC_ADMIN')")
	String initInventoryForm(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		return countPage(me, true, Map.of("takenOn", this.ledger.today(me).toString(), "timeOfDay", "OPENING"),
				Map.of(), model);
	}

	@PostMapping("/ledger/inventories")
	@PreAuthorize("hasAnyRole('PHYSICIAN', 'CLINIC_ADMIN')")
	String processInventoryForm(@AuthenticationPrincipal StaffPrincipal me, @RequestParam Map<String, String> form,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return record(me, true, form, model, redirect, response);
	}

	@GetMapping("/ledger/discrepancies")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'CLINIC_ADMIN')")
	String discrepancies(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		return discrepancyPage(me, null, Map.of(), model);
	}

	@PostMapping("/ledger/discrepancies/{discrepancyId}/resolve")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String resolve(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID discrepancyId,
			@RequestParam(defaultValue = "") String resolution, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "-1") int version,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			Counts.Resolution chosen = null;
			try {
				chosen = resolution.isBlank() ? null : Counts.Resolution.valueOf(resolution);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("resolution",
						"must be one of " + java.util.List.of(Counts.Resolution.values()));
			}
			this.counts.resolve(me, discrepancyId, chosen, reason, password, version);
			redirect.addFlashAttribute("message", "Discrepancy resolved");
			return "redirect:/ledger/discrepancies";
		}
		catch (InvalidInputException | ConflictException | RuleViolationException ex) {
			return discrepancyPage(me, discrepancyId, Pages.errors(ex, response), model);
		}
	}

	@PostMapping("/ledger/discrepancies/{discrepancyId}/dea")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String recordDeaDates(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID discrepancyId,
			@RequestParam(defaultValue = "") String deaNoticeSentOn,
			@RequestParam(defaultValue = "") String form106FiledOn, @RequestParam(defaultValue = "-1") int version,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			FieldErrors errors = new FieldErrors();
			LocalDate notice = Pages.date(errors, "deaNoticeSentOn", deaNoticeSentOn, false);
			LocalDate form106 = Pages.date(errors, "form106FiledOn", form106FiledOn, false);
			errors.throwIfAny();
			this.counts.recordDeaDates(me, discrepancyId, notice, form106, version);
			redirect.addFlashAttribute("message", "DEA report dates recorded");
			return "redirect:/ledger/discrepancies";
		}
		catch (InvalidInputException | ConflictException ex) {
			return discrepancyPage(me, discrepancyId, Pages.errors(ex, response), model);
		}
	}

	private String record(StaffPrincipal me, boolean inventory, Map<String, String> form, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			FieldErrors errors = new FieldErrors();
			Map<UUID, String> physical = new LinkedHashMap<>();
			form.forEach((name, value) -> {
				if (name.startsWith(PHYSICAL) && name.endsWith("]")) {
					UUID vialId = Pages.uuid(errors, name, name.substring(PHYSICAL.length(), name.length() - 1), true);
					if (vialId != null) {
						physical.put(vialId, value);
					}
				}
			});
			Counts.CountKind kind = null;
			Counts.InventoryHeader header = null;
			if (inventory) {
				LocalDate takenOn = Pages.date(errors, "takenOn", form.get("takenOn"), true);
				Counts.TimeOfDay timeOfDay = "CLOSE".equals(form.get("timeOfDay")) ? Counts.TimeOfDay.CLOSE
						: "OPENING".equals(form.get("timeOfDay")) ? Counts.TimeOfDay.OPENING : null;
				header = new Counts.InventoryHeader(takenOn, timeOfDay, form.get("registrantName"),
						form.get("registrantAddress"), form.get("registrantDea"));
			}
			else {
				kind = "SHIFT".equals(form.get("kind")) ? Counts.CountKind.SHIFT
						: "DAILY".equals(form.get("kind")) ? Counts.CountKind.DAILY : null;
			}
			errors.throwIfAny();
			Counts.CountResult result = this.counts.record(me, kind, physical, form.get("password"),
					form.get("witnessUsername"), form.get("witnessPassword"), header);
			redirect.addFlashAttribute("message", (inventory ? "Inventory" : "Count") + " recorded: "
					+ result.vialsCounted() + " vials, " + result.discrepancies() + " discrepancies"
					+ ((result.possibleLosses() > 0)
							? ", " + result.possibleLosses() + " possible significant losses: see the deadlines below"
							: ""));
			return (result.discrepancies() > 0) ? "redirect:/ledger/discrepancies" : "redirect:/ledger";
		}
		catch (InvalidInputException | ConflictException | RuleViolationException ex) {
			Map<String, String> shown = new LinkedHashMap<>(form);
			shown.remove("password");
			shown.remove("witnessPassword");
			return countPage(me, inventory, shown, Pages.errors(ex, response), model);
		}
	}

	private String countPage(StaffPrincipal me, boolean inventory, Map<String, String> form, Map<String, String> errors,
			Model model) {
		model.addAttribute("inventory", inventory);
		model.addAttribute("today", this.ledger.today(me));
		model.addAttribute("vials", this.queries.vialsOnHand(me.clinicId()));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "ledger/count-new";
	}

	private String discrepancyPage(StaffPrincipal me, UUID failed, Map<String, String> errors, Model model) {
		model.addAttribute("discrepancies", this.counts.discrepancies(me.clinicId(), false));
		model.addAttribute("today", this.ledger.today(me));
		model.addAttribute("failed", failed);
		model.addAttribute("errors", errors);
		model.addAttribute("noErrors", Map.of());
		return "ledger/discrepancies";
	}

}
