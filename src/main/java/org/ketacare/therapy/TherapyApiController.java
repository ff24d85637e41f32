package org.ketacare.therapy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.ketacare.platform.StaffPrincipal;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Therapy sessions over the JSON API. */
@RestController
class TherapyApiController {

	private final TherapySessions sessions;

	TherapyApiController(TherapySessions sessions) {
		this.sessions = sessions;
	}

	@GetMapping("/api/v1/patients/{patientId}/therapy-sessions")
	@PreAuthorize("hasAnyRole('THERAPIST', 'PHYSICIAN')")
	List<SessionJson> sessions(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId) {
		return this.sessions.ofPatient(me, patientId).stream().map(SessionJson::of).toList();
	}

	@PostMapping("/api/v1/patients/{patientId}/therapy-sessions")
	@PreAuthorize("hasRole('THERAPIST')")
	ResponseEntity<SessionJson> record(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId,
			@RequestBody(required = false) TherapyCommands.NewSession body) {
		TherapyCommands.NewSession command = (body != null) ? body
				: new TherapyCommands.NewSession(null, null, null, null, null);
		TherapySession session = this.sessions.record(me, patientId, command);
		return ResponseEntity.created(URI.create("/api/v1/patients/" + patientId + "/therapy-sessions#" + session.id()))
			.body(SessionJson.of(session));
	}

	@PostMapping("/api/v1/therapy-sessions/{sessionId}/addenda")
	@PreAuthorize("hasRole('THERAPIST')")
	ResponseEntity<TherapySession.Addendum> addendum(@AuthenticationPrincipal StaffPrincipal me,
			@PathVariable UUID sessionId, @RequestBody(required = false) TherapyCommands.NewAddendum body) {
		TherapySession.Addendum addendum = this.sessions.addendum(me, sessionId,
				(body != null) ? body : new TherapyCommands.NewAddendum(null, null));
		return ResponseEntity.status(201).body(addendum);
	}

	@GetMapping("/api/v1/therapy/integration-due")
	@PreAuthorize("hasRole('THERAPIST')")
	List<IntegrationDue> integrationDue(@AuthenticationPrincipal StaffPrincipal me) {
		return this.sessions.integrationDue(me);
	}

	/**
	 * A session; {@code note} is null and {@code noteWithheld} true for readers who are
	 * not therapists.
	 */
	record SessionJson(UUID id, UUID patientId, SessionKind kind, Instant heldAt, int minutes, String therapistName,
			Instant signedAt, String note, boolean noteWithheld, List<TherapySession.Addendum> addenda) {

		static SessionJson of(TherapySession s) {
			return new SessionJson(s.id(), s.patientId(), s.kind(), s.heldAt(), s.minutes(), s.therapistName(),
					s.signedAt(), s.note(), s.noteWithheld(), s.addenda());
		}

	}

}
