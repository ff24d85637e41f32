package org.ketacare.infusion;

import java.net.URI;
import java.util.List;
import java.util.Map;
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

/** The infusion visit for tablets, devices and other systems: one endpoint per step. */
@RestController
@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN')")
class VisitApiController {

	private final Visits visits;

	VisitApiController(Visits visits) {
		this.visits = visits;
	}

	@PostMapping("/api/v1/appointments/{appointmentId}/visit")
	ResponseEntity<Map<String, Object>> checkIn(@AuthenticationPrincipal StaffPrincipal me,
			@PathVariable UUID appointmentId, @RequestBody(required = false) VisitCommands.CheckIn command) {
		VisitChart.Header visit = this.visits.checkIn(me, appointmentId, body(command));
		return ResponseEntity.created(URI.create("/api/v1/visits/" + visit.id()))
			.body(Map.of("id", visit.id(), "status", visit.status().name(), "visit", visit));
	}

	@PostMapping("/api/v1/visits/{visitId}/overrides")
	@PreAuthorize("hasRole('PHYSICIAN')")
	ResponseEntity<VisitChart.Override> override(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID visitId,
			@RequestBody(required = false) VisitCommands.Override command) {
		return ResponseEntity.status(201).body(this.visits.override(me, visitId, body(command)));
	}

	@PostMapping("/api/v1/visits/{visitId}/checks")
	ResponseEntity<VisitChart.Checks> checks(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID visitId,
			@RequestBody(required = false) VisitCommands.Checks command) {
		return ResponseEntity.status(201).body(this.visits.recordChecks(me, visitId, body(command)));
	}

	@PostMapping("/api/v1/visits/{visitId}/vitals")
	ResponseEntity<Visits.VitalsRecorded> vitals(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID visitId,
			@RequestBody(required = false) VisitCommands.Vitals command) {
		return ResponseEntity.status(201).body(this.visits.recordVitals(me, visitId, body(command)));
	}

	@PostMapping("/api/v1/visits/{visitId}/alarms/{alarmId}/response")
	ResponseEntity<Void> alarmResponse(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID visitId,
			@PathVariable UUID alarmId, @RequestBody(required = false) VisitCommands.AlarmResponse command) {
		this.visits.respondToAlarm(me, visitId, alarmId, body(command));
		return ResponseEntity.status(201).build();
	}

	@PostMapping("/api/v1/visits/{visitId}/dose-order")
	@PreAuthorize("hasRole('PHYSICIAN')")
	ResponseEntity<VisitChart.DoseOrder> doseOrder(@AuthenticationPrincipal StaffPrincipal me,
			@PathVariable UUID visitId, @RequestBody(required = false) VisitCommands.DoseOrder command) {
		return ResponseEntity.status(201).body(this.visits.orderDose(me, visitId, body(command)));
	}

	@PostMapping("/api/v1/visits/{visitId}/preparation")
	ResponseEntity<VisitChart.Preparation> preparation(@AuthenticationPrincipal StaffPrincipal me,
			@PathVariable UUID visitId, @RequestBody(required = false) VisitCommands.Preparation command) {
		return ResponseEntity.status(201).body(this.visits.prepare(me, visitId, body(command)));
	}

	@PostMapping("/api/v1/visits/{visitId}/infusion")
	VisitChart.Header infusion(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID visitId,
			@RequestBody(required = false) VisitCommands.TimelineEvent command) {
		return this.visits.timeline(me, visitId, body(command));
	}

	@PostMapping("/api/v1/visits/{visitId}/waste")
	ResponseEntity<List<VisitChart.DrawnVial>> waste(@AuthenticationPrincipal StaffPrincipal me,
			@PathVariable UUID visitId, @RequestBody(required = false) VisitCommands.Waste command) {
		return ResponseEntity.status(201).body(this.visits.wasteRemainder(me, visitId, body(command)));
	}

	@PostMapping("/api/v1/visits/{visitId}/assessments")
	ResponseEntity<VisitChart.Assessment> assessment(@AuthenticationPrincipal StaffPrincipal me,
			@PathVariable UUID visitId, @RequestBody(required = false) VisitCommands.Assessment command) {
		return ResponseEntity.status(201).body(this.visits.assess(me, visitId, body(command)));
	}

	@PostMapping("/api/v1/visits/{visitId}/adverse-events")
	ResponseEntity<VisitChart.AdverseEvent> adverseEvent(@AuthenticationPrincipal StaffPrincipal me,
			@PathVariable UUID visitId, @RequestBody(required = false) VisitCommands.AdverseEvent command) {
		return ResponseEntity.status(201).body(this.visits.adverseEvent(me, visitId, body(command)));
	}

	@PostMapping("/api/v1/visits/{visitId}/discharge")
	ResponseEntity<VisitChart.Discharge> discharge(@AuthenticationPrincipal StaffPrincipal me,
			@PathVariable UUID visitId, @RequestBody(required = false) VisitCommands.Discharge command) {
		return ResponseEntity.status(201).body(this.visits.discharge(me, visitId, body(command)));
	}

	@PostMapping("/api/v1/visits/{visitId}/signatures")
	ResponseEntity<VisitChart.Header> sign(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID visitId,
			@RequestBody(required = false) VisitCommands.Sign command) {
		return ResponseEntity.status(201).body(this.visits.sign(me, visitId, body(command)));
	}

	@PostMapping("/api/v1/visits/{visitId}/amendments")
	ResponseEntity<VisitChart.Amendment> amend(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID visitId,
			@RequestBody(required = false) VisitCommands.Amendment command) {
		return ResponseEntity.status(201).body(this.visits.amend(me, visitId, body(command)));
	}

	@GetMapping("/api/v1/visits/{visitId}")
	VisitChart chart(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID visitId) {
		return this.visits.chart(me, visitId);
	}

	@GetMapping("/api/v1/infusion/board")
	List<BoardRow> board(@AuthenticationPrincipal StaffPrincipal me) {
		return this.visits.board(me, true);
	}

	@GetMapping("/api/v1/patients/{patientId}/infusions")
	List<SessionSummary> sessions(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId) {
		return this.visits.sessions(me, patientId, 1000);
	}

	private static <T> T body(T command) {
		if (command == null) {
			throw new InvalidInputException("body", "is required: send the fields as JSON");
		}
		return command;
	}

}
