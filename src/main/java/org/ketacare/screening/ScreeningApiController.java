package org.ketacare.screening;

import java.net.URI;
import java.util.List;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * Screenings for other systems: record one, read them, and a physician's signed review.
 */
@RestController
class ScreeningApiController {

	private final Screenings screenings;

	ScreeningApiController(Screenings screenings) {
		this.screenings = screenings;
	}

	@PostMapping("/api/v1/patients/{patientId}/screenings")
	@PreAuthorize("hasRole('INTAKE')")
	ResponseEntity<ScreeningJson> record(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId,
			@RequestBody(required = false) ScreeningRequest request) {
		if (request == null) {
			throw new InvalidInputException("body", "is required: the screening's answers as JSON");
		}
		Screening screening = this.screenings.record(me, patientId, request);
		return ResponseEntity.created(URI.create("/api/v1/screenings/" + screening.id()))
			.body(ScreeningJson.of(screening));
	}

	@GetMapping("/api/v1/patients/{patientId}/screenings")
	@PreAuthorize("hasAnyRole('INTAKE', 'NURSE', 'PHYSICIAN', 'THERAPIST', 'CLINIC_ADMIN')")
	List<ScreeningJson> history(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId) {
		return this.screenings.history(me, patientId).stream().map(ScreeningJson::of).toList();
	}

	@GetMapping("/api/v1/screenings/{screeningId}")
	@PreAuthorize("hasAnyRole('INTAKE', 'NURSE', 'PHYSICIAN', 'THERAPIST', 'CLINIC_ADMIN')")
	ScreeningJson one(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID screeningId) {
		return ScreeningJson.of(this.screenings.view(me, screeningId));
	}

	@PostMapping("/api/v1/screenings/{screeningId}/review")
	@PreAuthorize("hasRole('PHYSICIAN')")
	ScreeningJson review(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID screeningId,
			@RequestBody(required = false) ReviewRequest body) {
		ReviewRequest request = (body != null) ? body : new ReviewRequest(null, null, null);
		return ScreeningJson.of(this.screenings.review(me, screeningId, request.decision(), request.justification(),
				request.password()));
	}

	record ReviewRequest(String decision, String justification, String password) {
	}

}
