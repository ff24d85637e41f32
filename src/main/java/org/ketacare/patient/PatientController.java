package org.ketacare.patient;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.StaffPrincipal;

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
 * The patient pages: the list with search, the intake form (fast during a call, with the
 * duplicate check), the patient page and its edits.
 */
@Controller
class PatientController {

	static final int PAGE_SIZE = 25;

	static final int MEDICATION_ROWS = 4;

	private final PatientRegistry registry;

	private final List<PatientPageSection> sections;

	PatientController(PatientRegistry registry, List<PatientPageSection> sections) {
		this.registry = registry;
		this.sections = sections.stream().sorted(Comparator.comparingInt(PatientPageSection::order)).toList();
	}

	@GetMapping("/patients")
	@PreAuthorize("hasAnyRole('INTAKE', 'NURSE', 'PHYSICIAN', 'THERAPIST', 'CLINIC_ADMIN')")
	String list(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "0") int page, Model model,
			HttpServletResponse response) {
		model.addAttribute("q", q);
		model.addAttribute("status", status);
		model.addAttribute("statuses", PatientStatus.values());
		PatientStatus chosen;
		try {
			chosen = PatientApiController.parseStatus(status);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("errors", Map.of("status", ex.errors().get(0).message()));
			return "patient/list";
		}
		model.addAttribute("errors", Map.of());
		model.addAttribute("result", this.registry.search(me, PatientQuery.parse(q, chosen), page, PAGE_SIZE));
		return "patient/list";
	}

	@GetMapping("/patients/new")
	@PreAuthorize("hasRole('INTAKE')")
	String initCreationForm(Model model) {
		return form(model, new LinkedHashMap<>(), Map.of(), List.of(), null);
	}

	@PostMapping("/patients")
	@PreAuthorize("hasRole('INTAKE')")
	String processCreationForm(@AuthenticationPrincipal StaffPrincipal me,
			@RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		Map<String, String> form = params.toSingleValueMap();
		Map<String, String> errors = new LinkedHashMap<>();
		BigDecimal weight = decimal(form, "weightKg", errors);
		BigDecimal height = decimal(form, "heightCm", errors);
		try {
			Registration registration = this.registry.register(me, details(params), weight, height,
					"true".equals(form.get("continueDespiteDuplicates")));
			if (registration.patient().isEmpty()) {
				return form(model, params, Map.of(), registration.possibleDuplicates(), null);
			}
			Patient patient = registration.patient().get();
			redirect.addFlashAttribute("message", "Registered " + patient.fullName() + ", MRN " + patient.mrn());
			return "redirect:/patients/" + patient.id();
		}
		catch (InvalidInputException ex) {
			ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return form(model, params, errors, List.of(), null);
		}
	}

	@GetMapping("/patients/{patientId}")
	@PreAuthorize("hasAnyRole('INTAKE', 'NURSE', 'PHYSICIAN', 'THERAPIST', 'CLINIC_ADMIN')")
	String show(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId, Model model) {
		return page(me, this.registry.view(me, patientId), Map.of(), Map.of(), model);
	}

	@GetMapping("/patients/{patientId}/edit")
	@PreAuthorize("hasRole('INTAKE')")
	String initUpdateForm(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId, Model model) {
		Patient patient = this.registry.view(me, patientId);
		return form(model, formOf(patient), Map.of(), List.of(), patient);
	}

	@PostMapping("/patients/{patientId}")
	@PreAuthorize("hasRole('INTAKE')")
	String processUpdateForm(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId,
			@RequestParam MultiValueMap<String, String> params, @RequestParam(defaultValue = "-1") int version,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			Patient patient = this.registry.update(me, patientId, details(params), version);
			redirect.addFlashAttribute("message", "Saved " + patient.fullName());
			return "redirect:/patients/" + patientId;
		}
		catch (InvalidInputException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return form(model, params, errors, List.of(), this.registry.get(me.clinicId(), patientId));
		}
		catch (ConflictException ex) {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			return form(model, params, Map.of("conflict", ex.getMessage()), List.of(),
					this.registry.get(me.clinicId(), patientId));
		}
	}

	@PostMapping("/patients/{patientId}/measurements")
	@PreAuthorize("hasAnyRole('INTAKE', 'NURSE')")
	String recordMeasurement(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId,
			@RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		Map<String, String> form = params.toSingleValueMap();
		Map<String, String> errors = new LinkedHashMap<>();
		BigDecimal weight = decimal(form, "weightKg", errors);
		BigDecimal height = decimal(form, "heightCm", errors);
		try {
			if (errors.isEmpty()) {
				Measurement measurement = this.registry.recordMeasurement(me, patientId, form.get("measuredOn"), weight,
						height);
				redirect.addFlashAttribute("message", "Recorded " + measurement.weightKg().toPlainString() + " kg, "
						+ measurement.heightCm().toPlainString() + " cm (BMI " + measurement.bmi() + ")");
				return "redirect:/patients/" + patientId;
			}
		}
		catch (InvalidInputException ex) {
			ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return page(me, this.registry.get(me.clinicId(), patientId), errors, form, model);
	}

	private String page(StaffPrincipal me, Patient patient, Map<String, String> errors,
			Map<String, String> measurementForm, Model model) {
		model.addAttribute("patient", patient);
		model.addAttribute("measurements", this.registry.measurements(me.clinicId(), patient.id()));
		model.addAttribute("statusHistory", this.registry.statusHistory(me.clinicId(), patient.id()));
		model.addAttribute("errors", errors);
		model.addAttribute("measurementForm", measurementForm);
		model.addAttribute("sections",
				this.sections.stream()
					.map((section) -> Map.of("template", section.template(), "data", section.data(me, patient)))
					.toList());
		return "patient/show";
	}

	private String form(Model model, Map<String, ?> form, Map<String, String> errors, List<Patient> duplicates,
			Patient editing) {
		Map<String, String> values = new LinkedHashMap<>();
		form.forEach((key, value) -> values.put(key, (value instanceof List<?> list)
				? (list.isEmpty() ? "" : String.valueOf(list.get(0))) : String.valueOf(value)));
		model.addAttribute("form", values);
		model.addAttribute("errors", errors);
		model.addAttribute("duplicates", duplicates);
		model.addAttribute("editing", editing);
		model.addAttribute("medicationRows", java.util.stream.IntStream.range(0, MEDICATION_ROWS).boxed().toList());
		return "patient/form";
	}

	private static PatientDetails details(MultiValueMap<String, String> params) {
		Map<String, String> form = params.toSingleValueMap();
		List<Medication> medications = new ArrayList<>();
		for (int i = 0; i < MEDICATION_ROWS; i++) {
			String name = form.get("medications[" + i + "].name");
			String dose = form.get("medications[" + i + "].dose");
			if ((name != null && !name.isBlank()) || (dose != null && !dose.isBlank())) {
				medications.add(new Medication(name, dose));
			}
		}
		String pregnancy = form.getOrDefault("pregnancyPossible", "");
		return new PatientDetails(form.get("givenName"), form.get("familyName"), form.get("birthDate"),
				form.get("sexAtBirth"), pregnancy.isBlank() ? null : Boolean.valueOf(pregnancy), form.get("phone"),
				form.get("email"), form.get("address"),
				new ContactPerson(form.get("emergencyContact.name"), form.get("emergencyContact.phone"),
						form.get("emergencyContact.relationship")),
				new ContactPerson(form.get("escort.name"), form.get("escort.phone"), form.get("escort.relationship")),
				form.get("referringClinician"), form.get("currentMedications"), medications, form.get("allergies"),
				form.get("notes"));
	}

	private static Map<String, String> formOf(Patient patient) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("givenName", patient.givenName());
		form.put("familyName", patient.familyName());
		form.put("birthDate", patient.birthDate().toString());
		form.put("sexAtBirth", patient.sexAtBirth().code());
		form.put("pregnancyPossible",
				(patient.pregnancyPossible() != null) ? patient.pregnancyPossible().toString() : "");
		form.put("phone", patient.phone());
		form.put("email", patient.email());
		form.put("address", patient.address());
		form.put("emergencyContact.name", patient.emergencyContact().name());
		form.put("emergencyContact.phone", patient.emergencyContact().phone());
		form.put("emergencyContact.relationship", patient.emergencyContact().relationship());
		form.put("escort.name", patient.escort().name());
		form.put("escort.phone", patient.escort().phone());
		form.put("escort.relationship", patient.escort().relationship());
		form.put("referringClinician", patient.referringClinician());
		form.put("currentMedications", patient.currentMedications());
		for (int i = 0; i < patient.medications().size() && i < MEDICATION_ROWS; i++) {
			form.put("medications[" + i + "].name", patient.medications().get(i).name());
			form.put("medications[" + i + "].dose", patient.medications().get(i).dose());
		}
		form.put("allergies", patient.allergies());
		form.put("notes", patient.notes());
		form.put("version", String.valueOf(patient.version()));
		form.replaceAll((key, value) -> (value != null) ? value : "");
		return form;
	}

	private static BigDecimal decimal(Map<String, String> form, String field, Map<String, String> errors) {
		String text = form.getOrDefault(field, "").strip();
		if (text.isEmpty()) {
			return null;
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			errors.put(field, "must be a number such as 72.5");
			return null;
		}
	}

}
