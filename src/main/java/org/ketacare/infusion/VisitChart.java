package org.ketacare.infusion;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The whole chart of one infusion visit, as the API returns it and the pages show it:
 * every record with who made it and when, the signatures and the amendments (originals
 * kept).
 *
 * @param questionnaires the PHQ-9 and the C-SSRS screen for this visit, from the outcomes
 * module
 * @param blocks why a dose cannot be ordered now (empty when it can)
 * @param nextVitalsDue when the next vital signs are due, or {@code null} when none are
 */
public record VisitChart(Header visit, List<Override> overrides, List<Checks> checks,
		List<Questionnaire> questionnaires, List<Vitals> vitals, List<Alarm> alarms, DoseOrder doseOrder,
		Preparation preparation, List<DrawnVial> draws, List<Event> events, List<Assessment> assessments,
		List<AdverseEvent> adverseEvents, Discharge discharge, List<SignatureRow> signatures,
		List<Amendment> amendments, List<String> blocks, Instant nextVitalsDue) {

	public record Header(UUID id, UUID appointmentId, UUID patientId, String patientName, String mrn, String roomName,
			Instant scheduledStart, BigDecimal weightKg, BigDecimal heightCm, String escortName, String escortPhone,
			Boolean identityConfirmed, VisitStatus status, Instant checkedInAt, Instant infusionStartedAt,
			Instant infusionEndedAt, BigDecimal administeredMg, Instant dischargedAt, Instant closedAt, int version) {
	}

	public record Override(UUID id, String kind, String reason, String signerName, Instant signedAt) {
	}

	public record Checks(UUID id, boolean fasting, String pregnancyTest, List<String> newMedications,
			List<String> flagged, String recordedByName, Instant recordedAt) {
	}

	/**
	 * The newest response on a pre-infusion questionnaire; {@code responseId} is
	 * {@code null} when none was recorded for the visit.
	 */
	public record Questionnaire(String instrument, UUID responseId, String timePoint, Instant answeredAt,
			Instant recordedAt, Integer total, String severity, List<String> flags) {

		public boolean isRecorded() {
			return this.responseId != null;
		}

	}

	public record Vitals(UUID id, Instant takenAt, String stage, int systolic, int diastolic, int heartRate, int spo2,
			int respiratoryRate, String recordedByName) {
	}

	public record Alarm(UUID id, UUID vitalsId, String code, String message, Instant raisedAt, String response,
			Boolean paused, String respondedByName, Instant respondedAt) {

		public boolean isOpen() {
			return this.response == null;
		}

	}

	public record DoseOrder(BigDecimal mgPerKg, String weightBasis, BigDecimal basisWeightKg, int durationMinutes,
			BigDecimal doseMg, BigDecimal rateMgPerHour, BigDecimal bagVolumeMl, BigDecimal concentrationMgPerMl,
			BigDecimal rateMlPerHour, List<String> arithmetic, String reason, String signerName, Instant signedAt) {
	}

	public record Preparation(String site, int gauge, BigDecimal drawnMl, String diluent, BigDecimal finalVolumeMl,
			BigDecimal finalConcentrationMgPerMl, String preparedByName, String checkerName, Instant preparedAt) {
	}

	public record DrawnVial(UUID drawId, String vialLabel, String product, String lot, java.time.LocalDate expiry,
			BigDecimal mg) {
	}

	public record Event(UUID id, String kind, Instant at, BigDecimal rateMgPerHour, String reason,
			String recordedByName) {
	}

	public record Assessment(UUID id, Instant takenAt, List<Integer> cadssItems, int cadssTotal, int moaas,
			String recordedByName) {
	}

	public record AdverseEvent(UUID id, String type, String description, String severity, String action, String outcome,
			Instant at, String recordedByName) {
	}

	public record Discharge(boolean vitalsNearBaseline, boolean alertAndOriented, boolean walksSteadily,
			boolean minimalNausea, boolean escortPresent, String signerName, Instant signedAt) {
	}

	public record SignatureRow(String role, String signerName, Instant signedAt, String meaning) {
	}

	public record Amendment(UUID id, String target, UUID targetId, String field, String originalValue,
			String correctedValue, String reason, String authorName, Instant amendedAt) {
	}

	/**
	 * The vital signs as corrected: each amended field carries its latest correction. The
	 * values as first recorded stay in {@link #vitals()}, and every correction in
	 * {@link #amendments()}.
	 */
	public List<Vitals> correctedVitals() {
		return this.vitals.stream().map(this::corrected).toList();
	}

	/**
	 * The fields of one set of vital signs that were amended, such as {@code systolic}.
	 */
	public Set<String> amendedFields(UUID vitalsId) {
		return corrections(vitalsId).keySet();
	}

	private Vitals corrected(Vitals original) {
		Map<String, Integer> corrections = corrections(original.id());
		if (corrections.isEmpty()) {
			return original;
		}
		return new Vitals(original.id(), original.takenAt(), original.stage(),
				corrections.getOrDefault("systolic", original.systolic()),
				corrections.getOrDefault("diastolic", original.diastolic()),
				corrections.getOrDefault("heartRate", original.heartRate()),
				corrections.getOrDefault("spo2", original.spo2()),
				corrections.getOrDefault("respiratoryRate", original.respiratoryRate()), original.recordedByName());
	}

	/** The latest correction of each amended field, amendments being oldest first. */
	private Map<String, Integer> corrections(UUID vitalsId) {
		Map<String, Integer> latest = new HashMap<>();
		for (Amendment amendment : this.amendments) {
			if ("vitals".equals(amendment.target()) && vitalsId.equals(amendment.targetId())) {
				latest.put(amendment.field(), Integer.valueOf(amendment.correctedValue()));
			}
		}
		return latest;
	}

	public boolean isClosed() {
		return this.visit.status() == VisitStatus.CLOSED;
	}

	public List<Alarm> openAlarms() {
		return this.alarms.stream().filter(Alarm::isOpen).toList();
	}

	public boolean signedBy(String role) {
		return this.signatures.stream().anyMatch((s) -> s.role().equals(role));
	}

}
