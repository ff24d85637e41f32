package org.ketacare.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.clinic.ClinicSettings;
import org.ketacare.platform.FieldErrors;
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
 * Stock pages: the overview, a vial's history and what an administrator does with it,
 * receiving and locations.
 */
@Controller
class StockController {

	/**
	 * Rows on the receiving form; each row is one lot with its expiry and number of
	 * containers.
	 */
	static final int RECEIPT_ROWS = 5;

	private final Ledger ledger;

	private final StockAdministration administration;

	private final LedgerQueries queries;

	private final Counts counts;

	private final ClinicSettings settings;

	StockController(Ledger ledger, StockAdministration administration, LedgerQueries queries, Counts counts,
			ClinicSettings settings) {
		this.ledger = ledger;
		this.administration = administration;
		this.queries = queries;
		this.counts = counts;
		this.settings = settings;
	}

	@GetMapping("/ledger")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'CLINIC_ADMIN')")
	String overview(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		LocalDate today = this.ledger.today(me);
		int warningDays = this.settings.integer(me.clinicId(), LedgerSettings.EXPIRY_WARNING_DAYS);
		int intervalMonths = this.settings.integer(me.clinicId(), LedgerSettings.INVENTORY_INTERVAL_MONTHS);
		model.addAttribute("today", today);
		model.addAttribute("warnBefore", today.plusDays(warningDays));
		model.addAttribute("warningDays", warningDays);
		model.addAttribute("stock", this.queries.stock(me.clinicId()));
		model.addAttribute("vials", this.queries.vialsOnHand(me.clinicId()));
		model.addAttribute("gone", this.queries.vialsNoLongerOnHand(me.clinicId(), 20));
		model.addAttribute("openDraws", this.queries.openDraws(me.clinicId()));
		model.addAttribute("openDiscrepancies", this.counts.discrepancies(me.clinicId(), true));
		model.addAttribute("lastCount", this.counts.recentCounts(me.clinicId(), 1).stream().findFirst().orElse(null));
		LocalDate lastInventory = this.counts.lastInventory(me.clinicId()).orElse(null);
		model.addAttribute("lastInventory", lastInventory);
		model.addAttribute("inventoryDue", (lastInventory != null) ? lastInventory.plusMonths(intervalMonths) : null);
		return "ledger/overview";
	}

	@GetMapping("/ledger/vials/{vialId}")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'CLINIC_ADMIN')")
	String vial(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID vialId, Model model) {
		return vialPage(me, vialId, Map.of(), null, model);
	}

	@PostMapping("/ledger/vials/{vialId}/quarantine")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String quarantine(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID vialId,
			@RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return vialAction(me, vialId, "hold", model, redirect, response, "Quarantined: it cannot be drawn from",
				() -> this.administration.hold(me, vialId, true, reason));
	}

	@PostMapping("/ledger/vials/{vialId}/release")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String release(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID vialId,
			@RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return vialAction(me, vialId, "hold", model, redirect, response, "Released back into stock",
				() -> this.administration.hold(me, vialId, false, reason));
	}

	@PostMapping("/ledger/vials/{vialId}/transfer")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String transfer(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID vialId,
			@RequestParam(defaultValue = "") String toLocationId, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return vialAction(me, vialId, "transfer", model, redirect, response, "Moved", () -> {
			FieldErrors errors = new FieldErrors();
			UUID to = Pages.uuid(errors, "toLocationId", toLocationId, true);
			errors.throwIfAny();
			return this.administration.transfer(me, vialId, to);
		});
	}

	@PostMapping("/ledger/vials/{vialId}/destroy")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String destroy(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID vialId,
			@RequestParam(defaultValue = "") String method, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String witnessUsername,
			@RequestParam(defaultValue = "") String witnessPassword,
			@RequestParam(defaultValue = "") String secondWitnessUsername,
			@RequestParam(defaultValue = "") String secondWitnessPassword, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return vialAction(me, vialId, "destroy", model, redirect, response, "Destruction recorded",
				() -> this.administration.destroy(me, vialId, method, password, witnessUsername, witnessPassword,
						secondWitnessUsername, secondWitnessPassword));
	}

	@PostMapping("/ledger/vials/{vialId}/return")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String returnToDistributor(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID vialId,
			@RequestParam(defaultValue = "") String distributorName,
			@RequestParam(defaultValue = "") String distributorDea,
			@RequestParam(defaultValue = "") String returnPassword, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return vialAction(me, vialId, "return", model, redirect, response, "Return recorded", () -> {
			try {
				return this.administration.returnToDistributor(me, vialId, distributorName, distributorDea,
						returnPassword);
			}
			catch (InvalidInputException ex) {
				throw new InvalidInputException(ex.errors()
					.stream()
					.map((error) -> error.field().equals("password")
							? new InvalidInputException.FieldError("returnPassword", error.message()) : error)
					.toList());
			}
		});
	}

	@GetMapping("/ledger/receipts/new")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String initReceivingForm(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("receivedOn", this.ledger.today(me).toString());
		form.put("form", Ledger.DEFAULT_FORM);
		return receivingPage(me, form, Map.of(), model);
	}

	@PostMapping("/ledger/receipts")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String processReceivingForm(@AuthenticationPrincipal StaffPrincipal me, @RequestParam Map<String, String> form,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		FieldErrors errors = new FieldErrors();
		LocalDate receivedOn = Pages.date(errors, "receivedOn", form.get("receivedOn"), true);
		java.math.BigDecimal concentration = Pages.optionalDecimal(errors, "product.concentrationMgPerMl",
				form.get("product.concentrationMgPerMl"));
		java.math.BigDecimal containerMl = Pages.optionalDecimal(errors, "product.containerMl",
				form.get("product.containerMl"));
		List<NewReceipt.Container> containers = new ArrayList<>();
		List<Integer> rowOfContainer = new ArrayList<>();
		for (int row = 0; row < RECEIPT_ROWS; row++) {
			String lot = form.getOrDefault("lot" + row, "").strip();
			String expiryText = form.getOrDefault("expiry" + row, "");
			String quantityText = form.getOrDefault("quantity" + row, "").strip();
			if (lot.isEmpty() && expiryText.isBlank() && quantityText.isEmpty()) {
				continue;
			}
			LocalDate expiry = Pages.date(errors, "expiry" + row, expiryText, true);
			int quantity = 0;
			try {
				quantity = Integer.parseInt(quantityText);
				if (quantity < 1 || quantity > 500) {
					errors.add("quantity" + row, "must be 1 to 500 containers");
				}
			}
			catch (NumberFormatException ex) {
				errors.add("quantity" + row, "must be a whole number of containers");
			}
			if (lot.isEmpty()) {
				errors.add("lot" + row, "is required");
			}
			for (int i = 0; i < quantity && i < 500; i++) {
				containers.add(new NewReceipt.Container(lot, expiry));
				rowOfContainer.add(row);
			}
		}
		NewReceipt receipt = new NewReceipt(form.get("supplierName"), form.get("supplierAddress"),
				form.get("supplierDea"), form.get("invoice"), receivedOn,
				new NewReceipt.Product(form.get("product.name"), form.get("product.ndc"), concentration, containerMl,
						form.get("form")),
				containers, form.get("location"));
		try {
			if (!errors.isEmpty()) {
				// Show the service's findings too, so that one submission lists every
				// problem.
				List<InvalidInputException.FieldError> all = new ArrayList<>(errors.list());
				this.ledger.receiptProblems(me, receipt)
					.stream()
					.filter((problem) -> !problem.field().startsWith("product.concentration")
							&& !problem.field().startsWith("product.containerMl")
							&& !problem.field().equals("receivedOn") && !problem.field().startsWith("containers"))
					.forEach(all::add);
				throw new InvalidInputException(all);
			}
			List<Vial> vials = this.ledger.receive(me, receipt);
			redirect.addFlashAttribute("message", "Received " + vials.size() + " containers of "
					+ vials.get(0).productName() + " " + vials.get(0).strength());
			return "redirect:/ledger";
		}
		catch (InvalidInputException ex) {
			Map<String, String> shown = new LinkedHashMap<>();
			for (InvalidInputException.FieldError error : ex.errors()) {
				String field = error.field();
				if (field.startsWith("containers[")) {
					int index = Integer.parseInt(field.substring(11, field.indexOf(']')));
					String part = field.substring(field.indexOf("].") + 2);
					field = (index < rowOfContainer.size()) ? part + rowOfContainer.get(index) : "lot0";
				}
				else if (field.equals("containers")) {
					field = "lot0";
				}
				else if (field.equals("product.form")) {
					field = "form";
				}
				shown.putIfAbsent(field, error.message());
			}
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return receivingPage(me, form, shown, model);
		}
	}

	@GetMapping("/ledger/locations")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String locations(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		return locationsPage(me, "", Map.of(), model);
	}

	@PostMapping("/ledger/locations")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String addLocation(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(defaultValue = "") String name,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			this.administration.addLocation(me, name);
			redirect.addFlashAttribute("message", "Added " + name.strip());
			return "redirect:/ledger/locations";
		}
		catch (InvalidInputException ex) {
			return locationsPage(me, name, Pages.errors(ex, response), model);
		}
	}

	private String locationsPage(StaffPrincipal me, String name, Map<String, String> errors, Model model) {
		model.addAttribute("locations", this.queries.locations(me.clinicId()));
		model.addAttribute("name", name);
		model.addAttribute("errors", errors);
		return "ledger/locations";
	}

	private String receivingPage(StaffPrincipal me, Map<String, String> form, Map<String, String> errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("rows", java.util.stream.IntStream.range(0, RECEIPT_ROWS).boxed().toList());
		model.addAttribute("locations", this.queries.locations(me.clinicId()));
		return "ledger/receive";
	}

	private String vialAction(StaffPrincipal me, UUID vialId, String action, Model model, RedirectAttributes redirect,
			HttpServletResponse response, String message, java.util.function.Supplier<?> change) {
		try {
			change.get();
			redirect.addFlashAttribute("message", message);
			return "redirect:/ledger/vials/" + vialId;
		}
		catch (InvalidInputException | org.ketacare.platform.ConflictException
				| org.ketacare.platform.RuleViolationException ex) {
			return vialPage(me, vialId, Pages.errors(ex, response), action, model);
		}
	}

	private String vialPage(StaffPrincipal me, UUID vialId, Map<String, String> errors, String failedAction,
			Model model) {
		Ledger.VialHistory history = this.ledger.vialHistory(me, vialId);
		model.addAttribute("vial", history.vial());
		model.addAttribute("entries", history.entries());
		model.addAttribute("locations", this.queries.locations(me.clinicId()));
		model.addAttribute("locationNames", this.queries.locations(me.clinicId())
			.stream()
			.collect(java.util.stream.Collectors.toMap(LedgerQueries.Location::id, LedgerQueries.Location::name)));
		model.addAttribute("today", this.ledger.today(me));
		model.addAttribute("errors", errors);
		model.addAttribute("failedAction", failedAction);
		model.addAttribute("noErrors", Map.of());
		model.addAttribute("wasteKey", UUID.randomUUID().toString());
		return "ledger/vial";
	}

}
