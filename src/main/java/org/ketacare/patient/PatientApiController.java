package org.ketacare.patient;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The patient registry for other systems: register, read and search patients.
 */
@RestController
class PatientApiController {

	private final PatientRegistry registry;

	PatientApiController(PatientRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Registers a patient. Patients of the same name and birth date do not stop an API
	 * registration; they are named in {@code possibleDuplicates} for the caller to
	 * reconcile.
	 */
	@PostMapping("/api/v1/patients")
	@PreAuthorize("hasRole('INTAKE')")
	ResponseEntity<RegisteredJson> register(@AuthenticationPrincipal StaffPrincipal me,
			@RequestBody(required = false) NewPatientRequest body) {
		// An empty body is checked like any other, after the role: every required field
		// is named.
		NewPatientRequest request = (body != null) ? body : NewPatientRequest.EMPTY;
		Registration registration = this.registry.register(me, request.details(), request.weightKg(),
				request.heightCm(), true);
		Patient patient = registration.patient().orElseThrow();
		return ResponseEntity.created(URI.create("/api/v1/patients/" + patient.id()))
			.body(new RegisteredJson(patient.id(), patient.mrn(), PatientJson.of(patient),
					registration.possibleDuplicates()
						.stream()
						.map((duplicate) -> new DuplicateJson(duplicate.id(), duplicate.mrn(), duplicate.fullName(),
								duplicate.birthDate().toString()))
						.toList()));
	}

	@GetMapping("/api/v1/patients/{patientId}")
	@PreAuthorize("hasAnyRole('INTAKE', 'NURSE', 'PHYSICIAN', 'THERAPIST', 'CLINIC_ADMIN')")
	PatientJson one(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId) {
		return PatientJson.of(this.registry.view(me, patientId));
	}

	@GetMapping("/api/v1/patients")
	@PreAuthorize("hasAnyRole('INTAKE', 'NURSE', 'PHYSICIAN', 'THERAPIST', 'CLINIC_ADMIN')")
	PageJson search(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String q,
			@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "25") int size) {
		PatientPage result = this.registry.search(me, PatientQuery.parse(q, parseStatus(status)), page, size);
		return new PageJson(result.patients().stream().map(PatientJson::of).toList(), result.page(), result.size(),
				result.hasNext());
	}

	static PatientStatus parseStatus(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return PatientStatus.valueOf(status.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("status",
					"must be one of inquiry, screening, eligible, in_course, follow_up, discharged, declined");
		}
	}

	record NewPatientRequest(String givenName, String familyName, String birthDate, String sexAtBirth,
			Boolean pregnancyPossible, String phone, String email, String address, ContactPerson emergencyContact,
			ContactPerson escort, String referringClinician, String currentMedications, List<Medication> medications,
			String allergies, String notes, BigDecimal weightKg, BigDecimal heightCm) {

		static final NewPatientRequest EMPTY = new NewPatientRequest(null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null);

		PatientDetails details() {
			return new PatientDetails(this.givenName, this.familyName, this.birthDate, this.sexAtBirth,
					this.pregnancyPossible, this.phone, this.email, this.address, this.emergencyContact, this.escort,
					this.referringClinician, this.currentMedications, this.medications, this.allergies, this.notes);
		}

	}

	record RegisteredJson(UUID id, String mrn, PatientJson patient, List<DuplicateJson> possibleDuplicates) {
	}

	record DuplicateJson(UUID id, String mrn, String name, String birthDate) {
	}

	record PageJson(List<PatientJson> patients, int page, int size, boolean hasNext) {
	}

}
