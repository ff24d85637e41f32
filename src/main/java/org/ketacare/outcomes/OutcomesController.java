package org.ketacare.outcomes;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.patient.PatientQuery;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.http.ContentDisposition;
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
 * The outcomes start page (open alerts, finding a patient, the instruments), a safety
 * alert with its acknowledgement, and the clinic dashboard with its CSV export.
 */
@Controller
class OutcomesController {

	private final SafetyAlerts alerts;

	private final ClinicDashboard dashboard;

	private final Instruments instruments;

	private final PatientRegistry patients;

	private final FollowUps followUps;

	OutcomesController(SafetyAlerts alerts, ClinicDashboard dashboard, Instruments instruments,
			PatientRegistry patients, FollowUps followUps) {
		this.followUps = followUps;
		this.alerts = alerts;
		this.dashboard = dashboard;
		this.instruments = instruments;
		this.patients = patients;
	}

	@GetMapping("/outcomes")
	@PreAuthorize("isAuthenticated()")
	String start(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String q, Model model) {
		boolean clinical = me.roles().stream().anyMatch((role) -> role != Role.CLINIC_ADMIN);
		model.addAttribute("clinical", clinical);
		model.addAttribute("dashboard", me.hasRole(Role.CLINIC_ADMIN) || me.hasRole(Role.PHYSICIAN));
		model.addAttribute("alerts", this.alerts.openFor(me));
		model.addAttribute("q", (q != null) ? q : "");
		if (clinical) {
			model.addAttribute("missingFollowUps", this.followUps.missing(me));
		}
		if (clinical && q != null && !q.isBlank()) {
			model.addAttribute("found", this.patients.search(me, PatientQuery.parse(q, null), 0, 20).patients());
		}
		model.addAttribute("instruments", this.instruments.all());
		model.addAttribute("describe", (Function<Instrument, String>) Scoring::describe);
		model.addAttribute("zone", me.clinicZone());
		return "outcomes/start";
	}

	@GetMapping("/outcomes/alerts/{alertId}")
	@PreAuthorize("hasRole('PHYSICIAN')")
	String alert(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID alertId, Model model) {
		model.addAttribute("alert", this.alerts.get(me, alertId));
		model.addAttribute("zone", me.clinicZone());
		model.addAttribute("error", null);
		return "outcomes/alert";
	}

	@PostMapping("/outcomes/alerts/{alertId}/acknowledge")
	@PreAuthorize("hasRole('PHYSICIAN')")
	String acknowledge(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID alertId,
			@RequestParam(defaultValue = "") String actionTaken, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			SafetyAlert alert = this.alerts.acknowledge(me, alertId, actionTaken);
			redirect.addFlashAttribute("message", "Alert for " + alert.patientName() + " acknowledged");
			return "redirect:/";
		}
		catch (InvalidInputException | ConflictException ex) {
			response.setStatus((ex instanceof ConflictException) ? HttpServletResponse.SC_CONFLICT
					: HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("alert", this.alerts.get(me, alertId));
			model.addAttribute("zone", me.clinicZone());
			model.addAttribute("error", (ex instanceof InvalidInputException invalid)
					? "Action taken: " + invalid.errors().get(0).message() : ex.getMessage());
			model.addAttribute("actionTaken", actionTaken);
			return "outcomes/alert";
		}
	}

	@GetMapping("/outcomes/dashboard")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'PHYSICIAN')")
	String dashboard(@AuthenticationPrincipal StaffPrincipal me,
			@RequestParam(defaultValue = "PHQ-9") String instrument,
			@RequestParam(defaultValue = "quarter") String period, @RequestParam(defaultValue = "") String protocol,
			Model model) {
		ClinicDashboard.Report report = this.dashboard.report(me, instrument, period(period), protocol);
		model.addAttribute("report", report);
		model.addAttribute("protocols", this.dashboard.protocols(me));
		model.addAttribute("chart", DashboardChart.of(report.rows()));
		model.addAttribute("instruments", this.dashboard.judgeable());
		model.addAttribute("periods", Dashboard.Period.values());
		return "outcomes/dashboard";
	}

	@GetMapping("/outcomes/dashboard.csv")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'PHYSICIAN')")
	ResponseEntity<byte[]> dashboardCsv(@AuthenticationPrincipal StaffPrincipal me,
			@RequestParam(defaultValue = "PHQ-9") String instrument,
			@RequestParam(defaultValue = "quarter") String period, @RequestParam(defaultValue = "") String protocol) {
		ClinicDashboard.Report report = this.dashboard.report(me, instrument, period(period), protocol);
		String filename = "outcomes-" + report.instrument().code().toLowerCase(Locale.ROOT) + "-"
				+ report.period().name().toLowerCase(Locale.ROOT)
				+ ((report.protocol() != null) ? "-" + report.protocol() : "") + ".csv";
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.body(DashboardCsv.write(report).getBytes(StandardCharsets.UTF_8));
	}

	private static Dashboard.Period period(String text) {
		try {
			return Dashboard.Period.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("period", "must be month, quarter or year");
		}
	}

}
