package org.ketacare.ledger;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.clinic.ClinicSettings;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ledger's reports for any date range: on screen a page at a time, or whole as CSV or
 * PDF. Also at {@code /api/v1/ledger/reports/{report}} as CSV for other systems.
 */
@Controller
@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'PHYSICIAN')")
class ReportController {

	private final LedgerReports reports;

	private final Ledger ledger;

	private final ClinicSettings settings;

	ReportController(LedgerReports reports, Ledger ledger, ClinicSettings settings) {
		this.reports = reports;
		this.ledger = ledger;
		this.settings = settings;
	}

	@GetMapping("/ledger/reports")
	String reports(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String report,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model,
			HttpServletResponse response) {
		if (report == null) {
			LocalDate today = this.ledger.today(me);
			return chooser(me, null, (from != null) ? from : today.withDayOfMonth(1).toString(),
					(to != null) ? to : today.toString(), Map.of(), model);
		}
		LedgerReport chosen = report(report);
		try {
			LedgerReports.Range range = LedgerReports.range(from, to);
			return "redirect:/ledger/reports/" + chosen.slug() + "?from=" + range.from() + "&to=" + range.to();
		}
		catch (InvalidInputException ex) {
			return chooser(me, chosen.slug(), from, to, Pages.errors(ex, response), model);
		}
	}

	@GetMapping("/ledger/reports/{slug}")
	String report(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String slug,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			@RequestParam(defaultValue = "0") int page, Model model, HttpServletResponse response) {
		LedgerReport report = report(slug);
		LedgerReports.Range range;
		try {
			range = LedgerReports.range(from, to);
		}
		catch (InvalidInputException ex) {
			return chooser(me, report.slug(), from, to, Pages.errors(ex, response), model);
		}
		model.addAttribute("result", this.reports.page(me, report, range, page));
		model.addAttribute("reports", LedgerReport.values());
		return "ledger/report";
	}

	@GetMapping("/ledger/reports/{slug}/csv")
	void csv(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String slug,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			HttpServletResponse response) throws IOException {
		LedgerReport report = report(slug);
		LedgerReports.Range range = LedgerReports.range(from, to);
		download(response, "text/csv;charset=UTF-8", fileName(me, report, range, "csv"));
		this.reports.csv(me, report, range, response.getOutputStream());
	}

	@GetMapping("/ledger/reports/{slug}/pdf")
	void pdf(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String slug,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			HttpServletResponse response) throws IOException {
		LedgerReport report = report(slug);
		LedgerReports.Range range = LedgerReports.range(from, to);
		download(response, "application/pdf", fileName(me, report, range, "pdf"));
		this.reports.pdf(me, report, range, response.getOutputStream());
	}

	@GetMapping("/api/v1/ledger/reports/{slug}")
	void apiCsv(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String slug,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			HttpServletResponse response) throws IOException {
		csv(me, slug, from, to, response);
	}

	private String chooser(StaffPrincipal me, String chosen, String from, String to, Map<String, String> errors,
			Model model) {
		model.addAttribute("reports", LedgerReport.values());
		model.addAttribute("chosen", chosen);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("errors", errors);
		model.addAttribute("retentionYears", this.settings.integer(me.clinicId(), LedgerSettings.RETENTION_YEARS));
		return "ledger/reports";
	}

	private static LedgerReport report(String slug) {
		LedgerReport report = LedgerReport.ofSlug(slug);
		if (report == null) {
			throw new NotFoundException("Report " + slug + " (reports: "
					+ String.join(", ", List.of(LedgerReport.values()).stream().map(LedgerReport::slug).toList())
					+ ")");
		}
		return report;
	}

	private static String fileName(StaffPrincipal me, LedgerReport report, LedgerReports.Range range,
			String extension) {
		return "ketamine-" + report.slug() + "-" + me.clinicSlug() + "-" + range.from() + "-to-" + range.to() + "."
				+ extension;
	}

	private static void download(HttpServletResponse response, String contentType, String fileName) {
		response.setContentType(contentType);
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
	}

}
