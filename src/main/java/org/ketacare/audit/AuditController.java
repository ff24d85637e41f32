package org.ketacare.audit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit trail page for clinic administrators: who did what, filtered and paged, and a
 * check of the chain.
 */
@Controller
@PreAuthorize("hasRole('CLINIC_ADMIN')")
class AuditController {

	static final int PAGE_SIZE = 50;

	private final AuditTrail audit;

	AuditController(AuditTrail audit) {
		this.audit = audit;
	}

	@GetMapping("/audit")
	String list(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String user,
			@RequestParam(required = false) String patient, @RequestParam(required = false) String action,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "0") int page, Model model) {
		AuditFilter filter = AuditFilter.parse(user, patient, action, from, to, page, me.clinicZone());
		model.addAttribute("filter", filter);
		model.addAttribute("actions", this.audit.actions(me.clinicId()));
		if (filter.errors().isEmpty()) {
			this.audit.record(AuditRecord.success("AUDIT_VIEWED").details(filter.describe()));
			model.addAttribute("result", this.audit.search(me.clinicId(), filter.toQuery(PAGE_SIZE)));
		}
		return "audit/list";
	}

	@PostMapping("/audit/verify")
	String verify(@AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
		ChainVerification result = this.audit.verify(me.clinicId());
		this.audit.record(AuditRecord.success("AUDIT_VERIFIED")
			.details(result.intact() ? "intact, " + result.rowsChecked() + " rows"
					: "broken at row " + result.firstBrokenSeq() + ": " + result.problem()));
		redirect.addFlashAttribute("verification", result);
		return "redirect:/audit";
	}

	/**
	 * The filter as typed on the page, with an error per field that could not be read.
	 */
	record AuditFilter(String user, String patient, String action, String from, String to, int page, UUID patientId,
			LocalDate fromDate, LocalDate toDate, ZoneId zone, Map<String, String> errors) {

		static AuditFilter parse(String user, String patient, String action, String from, String to, int page,
				ZoneId zone) {
			Map<String, String> errors = new LinkedHashMap<>();
			UUID patientId = null;
			if (hasText(patient)) {
				try {
					patientId = UUID.fromString(patient.strip());
				}
				catch (IllegalArgumentException ex) {
					errors.put("patient", "must be a patient id such as 3f2a…-…");
				}
			}
			LocalDate fromDate = date("from", from, errors);
			LocalDate toDate = date("to", to, errors);
			if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
				errors.put("to", "must not be before the start date");
			}
			return new AuditFilter(blankToNull(user), blankToNull(patient), blankToNull(action), blankToNull(from),
					blankToNull(to), Math.max(page, 0), patientId, fromDate, toDate, zone, errors);
		}

		AuditQuery toQuery(int pageSize) {
			return new AuditQuery(this.user, this.patientId, this.action,
					(this.fromDate != null) ? this.fromDate.atStartOfDay(this.zone).toInstant() : null,
					(this.toDate != null) ? this.toDate.plusDays(1).atStartOfDay(this.zone).toInstant() : null,
					this.page, pageSize);
		}

		/**
		 * The filters in force, for the audit row that records this look at the trail.
		 */
		String describe() {
			StringBuilder text = new StringBuilder("filters:");
			appendIfPresent(text, "user", this.user);
			appendIfPresent(text, "patient", this.patient);
			appendIfPresent(text, "action", this.action);
			appendIfPresent(text, "from", this.from);
			appendIfPresent(text, "to", this.to);
			if (text.length() == "filters:".length()) {
				text.append(" none");
			}
			return text.append("; page ").append(this.page + 1).toString();
		}

		private static void appendIfPresent(StringBuilder text, String name, String value) {
			if (value != null) {
				text.append(' ').append(name).append('=').append(value);
			}
		}

		/** The address of another page with the same filters. */
		public String pageLink(int otherPage) {
			return UriComponentsBuilder.fromPath("/audit")
				.queryParamIfPresent("user", Optional.ofNullable(this.user))
				.queryParamIfPresent("patient", Optional.ofNullable(this.patient))
				.queryParamIfPresent("action", Optional.ofNullable(this.action))
				.queryParamIfPresent("from", Optional.ofNullable(this.from))
				.queryParamIfPresent("to", Optional.ofNullable(this.to))
				.queryParam("page", otherPage)
				.encode()
				.toUriString();
		}

		private static LocalDate date(String field, String text, Map<String, String> errors) {
			if (!hasText(text)) {
				return null;
			}
			try {
				return LocalDate.parse(text.strip());
			}
			catch (DateTimeParseException ex) {
				errors.put(field, "must be a date such as 2026-03-02");
				return null;
			}
		}

		private static boolean hasText(String text) {
			return text != null && !text.isBlank();
		}

		private static String blankToNull(String text) {
			return hasText(text) ? text.strip() : null;
		}

	}

}
