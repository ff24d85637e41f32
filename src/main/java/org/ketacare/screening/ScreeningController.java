package org.ketacare.screening;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.patient.Patient;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.RuleViolationException;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.screening.ScreeningRequest.BloodPressureInput;
import org.ketacare.screening.ScreeningRequest.StimulationInput;
import org.ketacare.screening.ScreeningRequest.TrialInput;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The screening pages: the physician's worklist, the screening form filled during the
 * call, the result with every reason, and the physician's signed review.
 */
@Controller
class ScreeningController {

	static final int TRIAL_ROWS = 6;

	private static final String TRIALS = "antidepressantTrials";

	private final Screenings screenings;

	private final PatientRegistry patients;

	private final Eligibility eligibility;

	ScreeningController(Screenings screenings, PatientRegistry patients, Eligibility eligibility) {
		this.screenings = screenings;
		this.patients = patients;
		this.eligibility = eligibility;
	}

	@GetMapping("/screening")
	@PreAuthorize("hasAnyRole('INTAKE', 'PHYSICIAN')")
	String worklist(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		Screenings.Worklist worklist = this.screenings.worklist(me);
		model.addAttribute("awaiting", withPatients(me, worklist.awaiting()));
		model.addAttribute("reviewed", withPatients(me, worklist.reviewed()));
		return "screening/worklist";
	}

	@GetMapping("/patients/{patientId}/screenings/new")
	@PreAuthorize("hasRole('INTAKE')")
	String initScreeningForm(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId, Model model) {
		return form(model, this.patients.view(me, patientId), Map.of(), Map.of());
	}

	@PostMapping("/patients/{patientId}/screenings")
	@PreAuthorize("hasRole('INTAKE')")
	String processScreeningForm(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId,
			@RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		Map<String, String> form = params.toSingleValueMap();
		Map<String, String> errors = new LinkedHashMap<>();
		List<Integer> trialRows = new ArrayList<>();
		ScreeningRequest request = request(params, errors, trialRows);
		try {
			if (errors.isEmpty()) {
				Screening screening = this.screenings.record(me, patientId, request);
				redirect.addFlashAttribute("message", "Screening recorded: " + screening.outcome());
				return "redirect:/screenings/" + screening.id();
			}
			// Some numbers could not be read: name every other broken rule too, save
			// nothing.
			request.validate();
		}
		catch (InvalidInputException ex) {
			ex.errors().forEach((error) -> errors.putIfAbsent(formField(error.field(), trialRows), error.message()));
		}
		catch (RuleViolationException ex) {
			errors.put("conflict", ex.getMessage());
			response.setStatus(422);
			return form(model, this.patients.get(me.clinicId(), patientId), form, errors);
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return form(model, this.patients.get(me.clinicId(), patientId), form, errors);
	}

	@GetMapping("/screenings/{screeningId}")
	@PreAuthorize("hasAnyRole('INTAKE', 'NURSE', 'PHYSICIAN', 'THERAPIST', 'CLINIC_ADMIN')")
	String show(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID screeningId, Model model) {
		Screening screening = this.screenings.view(me, screeningId);
		return result(me, screening, model, "screening/show", Map.of(), Map.of());
	}

	@GetMapping("/screenings/{screeningId}/review")
	@PreAuthorize("hasRole('PHYSICIAN')")
	String initReviewForm(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID screeningId, Model model) {
		Screening screening = this.screenings.view(me, screeningId);
		return result(me, screening, model, "screening/review", Map.of(), Map.of());
	}

	@PostMapping("/screenings/{screeningId}/review")
	@PreAuthorize("hasRole('PHYSICIAN')")
	String processReviewForm(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID screeningId,
			@RequestParam(defaultValue = "") String decision, @RequestParam(defaultValue = "") String justification,
			@RequestParam(defaultValue = "") String password, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		Map<String, String> form = Map.of("decision", decision, "justification", justification);
		try {
			Screening reviewed = this.screenings.review(me, screeningId, decision, justification, password);
			redirect.addFlashAttribute("message",
					"Signed: " + reviewed.review().orElseThrow().meaning() + " by " + me.displayName());
			return "redirect:/screenings/" + screeningId;
		}
		catch (InvalidInputException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return result(me, this.screenings.get(me.clinicId(), screeningId), model, "screening/review", errors, form);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			return result(me, this.screenings.get(me.clinicId(), screeningId), model, "screening/review",
					Map.of("conflict", ex.getMessage()), form);
		}
	}

	private String result(StaffPrincipal me, Screening screening, Model model, String view, Map<String, String> errors,
			Map<String, String> form) {
		model.addAttribute("screening", screening);
		model.addAttribute("patient", this.patients.get(me.clinicId(), screening.patientId()));
		model.addAttribute("approval",
				this.eligibility.latestApproval(me.clinicId(), screening.patientId())
					.filter((approval) -> approval.screeningId().equals(screening.id()))
					.orElse(null));
		model.addAttribute("errors", errors);
		model.addAttribute("form", form);
		return view;
	}

	private String form(Model model, Patient patient, Map<String, String> form, Map<String, String> errors) {
		model.addAttribute("patient", patient);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("trialRows", IntStream.range(0, TRIAL_ROWS).boxed().toList());
		return "screening/form";
	}

	private List<Map<String, Object>> withPatients(StaffPrincipal me, List<Screening> screenings) {
		return screenings.stream()
			.map((screening) -> Map.<String, Object>of("screening", screening, "patient",
					this.patients.get(me.clinicId(), screening.patientId())))
			.toList();
	}

	/**
	 * The form's answers as a screening request; numbers that are not numbers go into
	 * {@code errors}. Filled trial rows are listed in {@code trialRows}, so that an error
	 * about the n-th trial can be shown beside its row.
	 */
	private static ScreeningRequest request(MultiValueMap<String, String> params, Map<String, String> errors,
			List<Integer> trialRows) {
		Map<String, String> form = params.toSingleValueMap();
		BloodPressureInput reading = null;
		Integer systolic = integer(form, "bloodPressure.systolic", errors);
		Integer diastolic = integer(form, "bloodPressure.diastolic", errors);
		if (systolic != null || diastolic != null || !blank(form, "bloodPressure.systolic")
				|| !blank(form, "bloodPressure.diastolic")) {
			reading = new BloodPressureInput(systolic, diastolic);
		}
		List<TrialInput> trials = null;
		for (int row = 0; row < TRIAL_ROWS; row++) {
			String prefix = TRIALS + "[" + row + "].";
			boolean filled = List.of("drug", "dailyDoseMg", "weeks", "adherence", "doseAdequate", "outcome")
				.stream()
				.anyMatch((part) -> !blank(form, prefix + part));
			if (filled) {
				trials = (trials != null) ? trials : new ArrayList<>();
				trialRows.add(row);
				trials.add(new TrialInput(form.get(prefix + "drug"), decimal(form, prefix + "dailyDoseMg", errors),
						integer(form, prefix + "weeks", errors), form.get(prefix + "adherence"),
						answer(form, prefix + "doseAdequate"), form.get(prefix + "outcome")));
			}
		}
		if (trials == null && "true".equals(form.get("noAntidepressantTrials"))) {
			trials = List.of();
		}
		List<StimulationInput> stimulation = null;
		List<String> chosen = params.getOrDefault("brainStimulation", List.of());
		if (!chosen.isEmpty()) {
			stimulation = chosen.stream().filter((type) -> !"none".equals(type)).map(StimulationInput::new).toList();
		}
		return new ScreeningRequest(answer(form, "pregnant"), answer(form, "breastfeeding"), reading,
				answer(form, "onBloodPressureTreatment"), form.get("heartDisease"), form.get("heartDiseaseDetails"),
				answer(form, "previousKetamineReaction"), form.get("previousKetamineReactionDetails"),
				answer(form, "psychosisHistory"), answer(form, "intracranialPressure"),
				answer(form, "substanceUseDisorder"), answer(form, "severeLiverDisease"),
				answer(form, "uncontrolledHyperthyroidism"), answer(form, "raisedIntraocularPressure"),
				answer(form, "aneurysmalVascularDisease"), answer(form, "seizureDisorder"), trials,
				answer(form, "augmentationTried"), answer(form, "doseChangesTried"), stimulation,
				answer(form, "psychotherapyTried"), form.get("functionalImpairment"),
				integer(form, "baselinePhq9", errors), integer(form, "episodeMonths", errors), form.get("notes"));
	}

	/** The form field of an error about the n-th listed trial. */
	private static String formField(String field, List<Integer> trialRows) {
		if (field.startsWith(TRIALS + "[")) {
			int end = field.indexOf(']');
			int listed = Integer.parseInt(field.substring(TRIALS.length() + 1, end));
			if (listed < trialRows.size()) {
				return TRIALS + "[" + trialRows.get(listed) + field.substring(end);
			}
		}
		return field;
	}

	private static boolean blank(Map<String, String> form, String field) {
		String value = form.get(field);
		return value == null || value.isBlank();
	}

	private static Boolean answer(Map<String, String> form, String field) {
		String value = form.getOrDefault(field, "").strip();
		if (value.equals("yes") || value.equals("true")) {
			return Boolean.TRUE;
		}
		if (value.equals("no") || value.equals("false")) {
			return Boolean.FALSE;
		}
		return null;
	}

	private static Integer integer(Map<String, String> form, String field, Map<String, String> errors) {
		if (blank(form, field)) {
			return null;
		}
		try {
			return Integer.valueOf(form.get(field).strip());
		}
		catch (NumberFormatException ex) {
			errors.put(field, "must be a whole number");
			return null;
		}
	}

	private static BigDecimal decimal(Map<String, String> form, String field, Map<String, String> errors) {
		if (blank(form, field)) {
			return null;
		}
		try {
			return new BigDecimal(form.get(field).strip());
		}
		catch (NumberFormatException ex) {
			errors.put(field, "must be a number such as 150");
			return null;
		}
	}

}
