package org.ketacare.ledger;

import java.math.BigDecimal;
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
 * Drawing for a visit and wasting with a witness. Until the infusion visit records
 * administrations, the draw form takes the visit's reference directly; what was given is
 * recorded by the visit through {@link Ledger}.
 */
@Controller
class DrawController {

	private final Ledger ledger;

	private final LedgerQueries queries;

	DrawController(Ledger ledger, LedgerQueries queries) {
		this.ledger = ledger;
		this.queries = queries;
	}

	@GetMapping("/ledger/draws/new")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN')")
	String initDrawForm(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) UUID vialId,
			Model model) {
		Map<String, String> form = new LinkedHashMap<>();
		if (vialId != null) {
			form.put("vialId", vialId.toString());
		}
		form.put("idempotencyKey", UUID.randomUUID().toString());
		return drawPage(me, form, Map.of(), model);
	}

	@PostMapping("/ledger/draws")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN')")
	String processDrawForm(@AuthenticationPrincipal StaffPrincipal me, @RequestParam Map<String, String> form,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			FieldErrors errors = new FieldErrors();
			UUID vialId = Pages.uuid(errors, "vialId", form.get("vialId"), true);
			UUID visitId = Pages.uuid(errors, "visitId", form.get("visitId"), true);
			UUID patientId = Pages.uuid(errors, "patientId", form.get("patientId"), false);
			BigDecimal mg = Pages.optionalDecimal(errors, "mg", form.get("mg"));
			errors.throwIfAny();
			Draw draw = this.ledger.draw(me, new NewDraw(vialId, visitId, patientId, mg, form.get("idempotencyKey")));
			redirect.addFlashAttribute("message", "Drew " + Quantities.mg(draw.drawnMg()) + " ("
					+ Quantities.ml(draw.drawnMl()) + ") from vial " + draw.vialLabel());
			return "redirect:/ledger/draws/" + draw.id();
		}
		catch (InvalidInputException | ConflictException ex) {
			return drawPage(me, form, Pages.errors(ex, response), model);
		}
	}

	@GetMapping("/ledger/draws/{drawId}")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'CLINIC_ADMIN')")
	String draw(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID drawId, Model model) {
		return drawDetail(me, drawId, Map.of(), Map.of(), model);
	}

	@PostMapping("/ledger/draws/{drawId}/waste")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN')")
	String wasteRemainder(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID drawId,
			@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			BigDecimal mg = Pages.decimal("mg", form.get("mg"));
			LedgerEntry entry = this.ledger.waste(me, new NewWaste(drawId, null, mg, form.get("method"),
					form.get("witnessUsername"), form.get("witnessPassword"), form.get("idempotencyKey")));
			redirect.addFlashAttribute("message",
					"Wasted " + Quantities.mg(entry.quantityMg()) + ", witnessed by " + entry.witnessName());
			return "redirect:/ledger/draws/" + drawId;
		}
		catch (InvalidInputException | ConflictException | RuleViolationException ex) {
			Map<String, String> shown = new LinkedHashMap<>(form);
			shown.remove("witnessPassword");
			return drawDetail(me, drawId, Pages.errors(ex, response), shown, model);
		}
	}

	@PostMapping("/ledger/vials/{vialId}/waste")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN')")
	String wasteFromVial(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID vialId,
			@RequestParam Map<String, String> form, RedirectAttributes redirect, HttpServletResponse response,
			Model model) {
		try {
			BigDecimal mg = Pages.decimal("mg", form.get("mg"));
			LedgerEntry entry = this.ledger.waste(me, new NewWaste(null, vialId, mg, form.get("method"),
					form.get("witnessUsername"), form.get("witnessPassword"), form.get("idempotencyKey")));
			redirect.addFlashAttribute("message", "Wasted " + Quantities.mg(entry.quantityMg())
					+ " from the vial, witnessed by " + entry.witnessName());
			return "redirect:/ledger/vials/" + vialId;
		}
		catch (InvalidInputException | ConflictException | RuleViolationException ex) {
			Map<String, String> errors = Pages.errors(ex, response);
			Ledger.VialHistory history = this.ledger.vialHistory(me, vialId);
			model.addAttribute("vial", history.vial());
			model.addAttribute("entries", history.entries());
			model.addAttribute("locations", this.queries.locations(me.clinicId()));
			model.addAttribute("locationNames", this.queries.locations(me.clinicId())
				.stream()
				.collect(java.util.stream.Collectors.toMap(LedgerQueries.Location::id, LedgerQueries.Location::name)));
			model.addAttribute("today", this.ledger.today(me));
			model.addAttribute("errors", errors);
			model.addAttribute("failedAction", "waste");
			model.addAttribute("noErrors", Map.of());
			model.addAttribute("wasteKey", form.getOrDefault("idempotencyKey", UUID.randomUUID().toString()));
			return "ledger/vial";
		}
	}

	private String drawPage(StaffPrincipal me, Map<String, String> form, Map<String, String> errors, Model model) {
		model.addAttribute("vials", this.queries.drawableVials(me.clinicId(), this.ledger.today(me)));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "ledger/draw-new";
	}

	private String drawDetail(StaffPrincipal me, UUID drawId, Map<String, String> errors, Map<String, String> form,
			Model model) {
		Draw draw = this.ledger.viewDraw(me, drawId);
		model.addAttribute("draw", draw);
		model.addAttribute("visit", this.ledger.visit(me.clinicId(), draw.visitId()));
		model.addAttribute("errors", errors);
		Map<String, String> shown = new LinkedHashMap<>(form);
		shown.putIfAbsent("idempotencyKey", UUID.randomUUID().toString());
		shown.putIfAbsent("mg", Quantities.plain(draw.remainingMg()));
		model.addAttribute("form", shown);
		return "ledger/draw";
	}

}
