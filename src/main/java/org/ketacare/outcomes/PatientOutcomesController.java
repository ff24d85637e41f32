package org.ketacare.outcomes;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.patient.Patient;
import org.ketacare.patient.PatientRegistry;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A patient's outcomes page with a trend chart per instrument, the tablet-friendly answer
 * entry, and personal links for the patient.
 */
@Controller
@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'THERAPIST', 'INTAKE')")
class PatientOutcomesController {

	private final Responses responses;

	private final Instruments instruments;

	private final QuestionnaireLinks links;

	private final PatientRegistry patients;

	PatientOutcomesController(Responses responses, Instruments instruments, QuestionnaireLinks links,
			PatientRegistry patients) {
		this.responses = responses;
		this.instruments = instruments;
		this.links = links;
		this.patients = patients;
	}

	@GetMapping("/patients/{patientId}/outcomes")
	String show(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId, Model model) {
		PatientOutcomes outcomes = this.responses.outcomes(me, patientId);
		model.addAttribute("patient", this.patients.get(me.clinicId(), patientId));
		model.addAttribute("outcomes", outcomes);
		List<Map<String, Object>> cards = new ArrayList<>();
		for (InstrumentOutcome outcome : outcomes.scored()) {
			Instrument instrument = this.instruments.find(outcome.instrument()).orElseThrow();
			Map<String, Object> card = new LinkedHashMap<>();
			card.put("instrument", instrument);
			card.put("outcome", outcome);
			card.put("chart", TrendChart.of(instrument, outcome.series(), me.clinicZone()));
			cards.add(card);
		}
		model.addAttribute("cards", cards);
		model.addAttribute("links", this.links.forPatient(me.clinicId(), patientId));
		model.addAttribute("instruments", this.instruments.all());
		model.addAttribute("selfReport",
				this.instruments.all()
					.stream()
					.filter((instrument) -> instrument.respondent() != Instrument.Respondent.CLINICIAN)
					.toList());
		model.addAttribute("timePointKinds", TimePoint.Kind.values());
		model.addAttribute("zone", me.clinicZone());
		return "outcomes/patient";
	}

	@GetMapping("/patients/{patientId}/responses/new")
	String initEntryForm(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId,
			@RequestParam String instrument, @RequestParam(required = false) UUID corrects, Model model) {
		Patient patient = this.patients.view(me, patientId);
		Instrument chosen = this.instruments.get(instrument, "instrument");
		Map<String, Object> form = new LinkedHashMap<>();
		List<Integer> answers = new ArrayList<>();
		if (corrects != null) {
			ResponseRecord original = this.responses.get(me, patientId, corrects);
			answers = original.answers();
			form.put("kind", original.timePoint().kind().code());
			form.put("number", (original.timePoint().number() != null) ? original.timePoint().number().toString() : "");
		}
		return entryForm(model, patient, chosen, form, AnswerForm.chosen(answers), corrects, Map.of());
	}

	@PostMapping("/patients/{patientId}/responses")
	String processEntryForm(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId,
			@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		Patient patient = this.patients.get(me.clinicId(), patientId);
		Instrument instrument = this.instruments.get(params.get("instrument"), "instrument");
		Map<String, String> errors = new LinkedHashMap<>();
		List<Integer> answers = AnswerForm.answers(instrument, params, errors);
		String kind = params.getOrDefault("kind", "");
		String number = params.getOrDefault("number", "").strip();
		String timePoint = number.isEmpty() ? kind : kind + "-" + number;
		UUID corrects = null;
		try {
			corrects = params.getOrDefault("corrects", "").isBlank() ? null : UUID.fromString(params.get("corrects"));
		}
		catch (IllegalArgumentException ex) {
			errors.put("corrects", "is not a response of this patient");
		}
		Instant answeredAt = null;
		String answeredAtText = params.getOrDefault("answeredAt", "").strip();
		if (!answeredAtText.isEmpty()) {
			try {
				answeredAt = LocalDateTime.parse(answeredAtText).atZone(me.clinicZone()).toInstant();
			}
			catch (DateTimeParseException ex) {
				errors.put("answeredAt", "must be a date and time such as 2026-03-02T09:30");
			}
		}
		if (errors.isEmpty() && !"true".equals(params.get("allowIncomplete"))) {
			Score score = Scoring.problems(instrument, answers).isEmpty() ? Scoring.score(instrument, answers) : null;
			if (score != null && !score.complete()) {
				for (int index = 0; index < answers.size(); index++) {
					if (answers.get(index) == null && Scoring.asked(instrument.items().get(index), answers)) {
						errors.put(AnswerForm.fieldOf(index),
								"is not answered: answer it, or tick 'Save with unanswered items'");
					}
				}
			}
		}
		if (errors.isEmpty()) {
			try {
				ResponseRecord recorded = this.responses.record(
						me, patientId, new NewResponse(instrument.code(), answers, timePoint, params.get("answeredBy"),
								answeredAt, corrects, params.get("correctionReason")),
						ResponseRecord.Source.STAFF_ENTRY);
				redirect.addFlashAttribute("message", "Recorded " + instrument.code() + " ("
						+ recorded.timePoint().label() + "): " + summary(recorded.score()));
				return "redirect:/patients/" + patientId + "/outcomes";
			}
			catch (InvalidInputException ex) {
				errors.putAll(AnswerForm.errors(ex.errors()));
			}
			catch (ConflictException ex) {
				errors.put("corrects", ex.getMessage());
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		// The form shows the patient again: a read of their record.
		this.patients.view(me, patientId);
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("kind", kind);
		form.put("number", number);
		form.put("answeredAt", answeredAtText);
		form.put("answeredBy", params.getOrDefault("answeredBy", ""));
		form.put("correctionReason", params.getOrDefault("correctionReason", ""));
		if (errors.containsKey("timePoint")) {
			errors.put("kind", errors.remove("timePoint"));
		}
		return entryForm(model, patient, instrument, form, AnswerForm.chosen(answers), corrects, errors);
	}

	@PostMapping("/patients/{patientId}/links")
	String issueLink(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId,
			@RequestParam(defaultValue = "") String instrument, @RequestParam(defaultValue = "") String kind,
			@RequestParam(defaultValue = "") String number, RedirectAttributes redirect, HttpServletRequest request) {
		String timePoint = number.isBlank() ? kind : kind + "-" + number.strip();
		try {
			QuestionnaireLinks.IssuedLink issued = this.links.issue(me, patientId, instrument, timePoint);
			String url = ServletUriComponentsBuilder.fromContextPath(request)
				.path("/q/{token}")
				.buildAndExpand(issued.token())
				.toUriString();
			redirect.addFlashAttribute("issuedLink", url);
			redirect.addFlashAttribute("message", "Personal link for " + issued.link().instrument() + " ("
					+ issued.link().timePoint().label() + ") created. Copy it now: it is shown only once.");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("linkErrors", AnswerForm.errors(ex.errors()));
		}
		return "redirect:/patients/" + patientId + "/outcomes#links";
	}

	private String entryForm(Model model, Patient patient, Instrument instrument, Map<String, Object> form,
			Map<String, Integer> chosen, UUID corrects, Map<String, String> errors) {
		model.addAttribute("patient", patient);
		model.addAttribute("instrument", instrument);
		model.addAttribute("form", form);
		model.addAttribute("chosen", chosen);
		model.addAttribute("corrects", corrects);
		model.addAttribute("errors", errors);
		model.addAttribute("timePointKinds", TimePoint.Kind.values());
		return "outcomes/entry";
	}

	static String summary(Score score) {
		if (score.total() != null) {
			return "total " + score.total() + ((score.severity() != null) ? " (" + score.severity() + ")" : "")
					+ (score.prorated() ? ", prorated" : "")
					+ (score.flags().isEmpty() ? "" : " — urgent alert raised for the physicians");
		}
		if (score.severity() != null) {
			return "risk level " + score.severity()
					+ (score.flags().isEmpty() ? "" : " — urgent alert raised for the physicians");
		}
		return "incomplete, not scored" + (score.flags().isEmpty() ? "" : " — urgent alert raised for the physicians");
	}

}
