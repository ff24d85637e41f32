package org.ketacare.infusion;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

		/** A late entry (addendum) to the visit as a whole rather than a correction. */
		public boolean isAddendum() {
			return "visit".equals(this.target);
		}

	}

	/**
	 * The vital signs as corrected: each amended field carries its latest correction. The
	 * values as first recorded stay in {@link #vitals()}, and every correction in
	 * {@link #amendments()}.
	 */
	public List<Vitals> correctedVitals() {
		return this.vitals.stream().map((v) -> corrected(v, corrections(this.amendments, "vitals", v.id()))).toList();
	}

	/**
	 * The adverse events as corrected, like {@link #correctedVitals()}; the events as
	 * first recorded stay in {@link #adverseEvents()}.
	 */
	public List<AdverseEvent> correctedAdverseEvents() {
		return this.adverseEvents.stream()
			.map((e) -> corrected(e, corrections(this.amendments, "adverse-event", e.id())))
			.toList();
	}

	/**
	 * The monitoring assessments as corrected, the CADSS-6 total recomputed from the
	 * corrected items; the assessments as first recorded stay in {@link #assessments()}.
	 */
	public List<Assessment> correctedAssessments() {
		return this.assessments.stream()
			.map((a) -> corrected(a, corrections(this.amendments, "assessment", a.id())))
			.toList();
	}

	/** The late entries (addenda) to the visit as a whole, oldest first. */
	public List<Amendment> addenda() {
		return this.amendments.stream().filter(Amendment::isAddendum).toList();
	}

	/**
	 * The fields of one recorded entry (vital signs, adverse event or assessment) that
	 * were amended, such as {@code systolic}.
	 */
	public Set<String> amendedFields(UUID targetId) {
		Set<String> fields = new HashSet<>();
		for (Amendment amendment : this.amendments) {
			if (targetId.equals(amendment.targetId()) && !amendment.isAddendum()) {
				fields.add(amendment.field());
			}
		}
		return fields;
	}

	static Vitals corrected(Vitals original, Map<String, String> corrections) {
		if (corrections.isEmpty()) {
			return original;
		}
		return new Vitals(original.id(), original.takenAt(), original.stage(),
				integer(corrections, "systolic", original.systolic()),
				integer(corrections, "diastolic", original.diastolic()),
				integer(corrections, "heartRate", original.heartRate()), integer(corrections, "spo2", original.spo2()),
				integer(corrections, "respiratoryRate", original.respiratoryRate()), original.recordedByName());
	}

	static AdverseEvent corrected(AdverseEvent original, Map<String, String> corrections) {
		if (corrections.isEmpty()) {
			return original;
		}
		return new AdverseEvent(original.id(), original.type(),
				corrections.getOrDefault("description", original.description()),
				corrections.getOrDefault("severity", original.severity()),
				corrections.getOrDefault("action", original.action()),
				corrections.getOrDefault("outcome", original.outcome()), original.at(), original.recordedByName());
	}

	static Assessment corrected(Assessment original, Map<String, String> corrections) {
		if (corrections.isEmpty()) {
			return original;
		}
		List<Integer> items = new ArrayList<>(original.cadssItems());
		for (int i = 0; i < items.size(); i++) {
			items.set(i, integer(corrections, "cadss[" + i + "]", items.get(i)));
		}
		MonitoringRatings ratings = new MonitoringRatings(items, integer(corrections, "moaas", original.moaas()));
		return new Assessment(original.id(), original.takenAt(), ratings.cadss(), ratings.cadssTotal(), ratings.moaas(),
				original.recordedByName());
	}

	/**
	 * The latest correction of each amended field of one entry, amendments being oldest
	 * first.
	 */
	static Map<String, String> corrections(List<Amendment> amendments, String target, UUID targetId) {
		Map<String, String> latest = new HashMap<>();
		for (Amendment amendment : amendments) {
			if (target.equals(amendment.target()) && targetId.equals(amendment.targetId())) {
				latest.put(amendment.field(), amendment.correctedValue());
			}
		}
		return latest;
	}

	private static int integer(Map<String, String> corrections, String field, int original) {
		String corrected = corrections.get(field);
		return (corrected != null) ? Integer.parseInt(corrected) : original;
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
