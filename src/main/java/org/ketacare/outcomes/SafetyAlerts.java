package org.ketacare.outcomes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.ketacare.clinic.ClinicSettings;
import org.ketacare.patient.Patient;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Urgent alerts raised by answers such as a positive suicide item: every physician of the
 * clinic sees the open ones on their home page until one of them acknowledges the alert
 * and records the action taken. An alert left open longer than the clinic's escalation
 * time is shown as escalated.
 */
@Service
public class SafetyAlerts {

	private static final String COLUMNS = """
			clinic_id, id, patient_id, response_id, instrument, flag, message, raised_at, acknowledged_by_name,
			acknowledged_at, action_taken
			""";

	/**
	 * Uses the partial index of open alerts (outcome_safety_alerts_open_idx): a clinic
	 * has few open alerts, as acknowledging one takes it out of the index.
	 */
	static final String OPEN_OF_PATIENTS = "SELECT " + COLUMNS + """
			FROM outcome_safety_alerts
			WHERE clinic_id = ? AND acknowledged_at IS NULL AND patient_id = ANY(?)
			ORDER BY raised_at, id
			""";

	private final JdbcClient jdbc;

	private final PatientRegistry patients;

	private final ClinicSettings settings;

	private final AuditLog audit;

	private final Clock clock;

	SafetyAlerts(JdbcClient jdbc, PatientRegistry patients, ClinicSettings settings, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.patients = patients;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	/** Raises one alert per safety flag of the response, in the caller's transaction. */
	void raise(UUID clinicId, Instrument instrument, ResponseRecord response, AuditRecord.Actor actor) {
		for (Instrument.SafetyRule rule : instrument.safetyAlerts()) {
			if (!response.score().flags().contains(rule.code())) {
				continue;
			}
			UUID id = UUID.randomUUID();
			this.jdbc
				.sql("""
						INSERT INTO outcome_safety_alerts (clinic_id, id, patient_id, response_id, instrument, flag, message,
						    raised_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?)
						""")
				.params(clinicId, id, response.patientId(), response.id(), instrument.code(), rule.code(),
						rule.message(), Timestamps.of(response.recordedAt()))
				.update();
			this.audit.record(AuditRecord.success("SAFETY_ALERT_RAISED")
				.target("safety_alert", id)
				.patient(response.patientId())
				.details(instrument.code() + " " + rule.code() + " from response " + response.id())
				.asActor(actor));
		}
	}

	/**
	 * The clinic's open alerts, most urgent (oldest) first, for a physician's home page;
	 * empty for other roles. Each patient shown is audited.
	 */
	@Transactional
	public List<SafetyAlert> openFor(StaffPrincipal me) {
		if (!me.hasRole(Role.PHYSICIAN)) {
			return List.of();
		}
		List<SafetyAlert> open = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM outcome_safety_alerts WHERE clinic_id = ? AND acknowledged_at IS NULL "
					+ "ORDER BY raised_at, id")
			.param(me.clinicId())
			.query(SafetyAlerts::row)
			.list()
			.stream()
			.map((row) -> alert(me.clinicId(), row))
			.toList();
		Set<UUID> shown = new LinkedHashSet<>();
		open.forEach((alert) -> shown.add(alert.patientId()));
		for (UUID patientId : shown) {
			this.audit.record(me,
					AuditRecord.success("SAFETY_ALERTS_LISTED")
						.target("patient", patientId)
						.patient(patientId)
						.details("open safety alerts shown"));
		}
		return open;
	}

	/**
	 * The open alerts of the given patients of the caller's clinic, oldest first, in one
	 * query however many patients (the infusion board's chairs) are asked about; patients
	 * of other clinics have none. For nurses and physicians. Not audited here: the caller
	 * shows the alerts beside a patient in a read it audits itself.
	 */
	@Transactional(readOnly = true)
	public List<OpenSafetyAlert> openOf(StaffPrincipal me, Collection<UUID> patientIds) {
		if (!me.hasRole(Role.NURSE) && !me.hasRole(Role.PHYSICIAN)) {
			throw new AccessDeniedException("Only nurses and physicians see the safety alerts of their patients");
		}
		if (patientIds.isEmpty()) {
			return List.of();
		}
		Duration escalation = Duration
			.ofMinutes(this.settings.integer(me.clinicId(), OutcomeSettings.ALERT_ESCALATION_MINUTES));
		Instant now = this.clock.instant();
		return this.jdbc.sql(OPEN_OF_PATIENTS)
			.params(me.clinicId(), new SqlArrayValue("uuid", patientIds.toArray()))
			.query(SafetyAlerts::row)
			.list()
			.stream()
			.map((row) -> new OpenSafetyAlert(row.id(), row.patientId(), row.instrument(), row.flag(), row.message(),
					row.raisedAt(), escalated(row.raisedAt(), null, escalation, now)))
			.toList();
	}

	/** Every alert of the patient, newest first; part of a read the caller audits. */
	List<SafetyAlert> forPatient(UUID clinicId, UUID patientId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM outcome_safety_alerts WHERE clinic_id = ? AND patient_id = ? "
					+ "ORDER BY raised_at DESC, id")
			.params(clinicId, patientId)
			.query(SafetyAlerts::row)
			.list()
			.stream()
			.map((row) -> alert(clinicId, row))
			.toList();
	}

	/** One alert, for the physician who acts on it; audited. */
	@Transactional
	public SafetyAlert get(StaffPrincipal me, UUID alertId) {
		SafetyAlert alert = find(me.clinicId(), alertId);
		this.audit.record(me,
				AuditRecord.success("SAFETY_ALERT_VIEWED").target("safety_alert", alertId).patient(alert.patientId()));
		return alert;
	}

	/**
	 * A physician acknowledges the alert and records what they did.
	 * @throws ConflictException when another physician acknowledged it first
	 */
	@Transactional
	public SafetyAlert acknowledge(StaffPrincipal physician, UUID alertId, String actionTaken) {
		if (!physician.hasRole(Role.PHYSICIAN)) {
			throw new AccessDeniedException("Only a physician acknowledges a safety alert");
		}
		String action = (actionTaken != null) ? actionTaken.strip() : "";
		if (action.isEmpty() || action.length() > 2000) {
			throw new InvalidInputException("actionTaken", "say what was done, in at most 2000 characters");
		}
		SafetyAlert alert = find(physician.clinicId(), alertId);
		int updated = this.jdbc.sql("""
				UPDATE outcome_safety_alerts
				   SET acknowledged_by = ?, acknowledged_by_name = ?, acknowledged_at = ?, action_taken = ?
				 WHERE clinic_id = ? AND id = ? AND acknowledged_at IS NULL
				""")
			.params(physician.staffId(), physician.displayName(),
					Timestamps.of(this.clock.instant().truncatedTo(ChronoUnit.MICROS)), action, physician.clinicId(),
					alertId)
			.update();
		if (updated != 1) {
			throw new ConflictException("This alert was already acknowledged by " + alert.acknowledgedByName());
		}
		this.audit.record(physician,
				AuditRecord.success("SAFETY_ALERT_ACKNOWLEDGED")
					.target("safety_alert", alertId)
					.patient(alert.patientId())
					.details(alert.instrument() + " " + alert.flag() + "; action: " + action));
		return find(physician.clinicId(), alertId);
	}

	private SafetyAlert find(UUID clinicId, UUID alertId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM outcome_safety_alerts WHERE clinic_id = ? AND id = ?")
			.params(clinicId, alertId)
			.query(SafetyAlerts::row)
			.optional()
			.map((row) -> alert(clinicId, row))
			.orElseThrow(() -> new NotFoundException("Safety alert " + alertId));
	}

	private SafetyAlert alert(UUID clinicId, SafetyAlert row) {
		Patient patient = this.patients.get(clinicId, row.patientId());
		Duration escalation = Duration
			.ofMinutes(this.settings.integer(clinicId, OutcomeSettings.ALERT_ESCALATION_MINUTES));
		boolean escalated = escalated(row.raisedAt(), row.acknowledgedAt(), escalation, this.clock.instant());
		return new SafetyAlert(row.id(), row.patientId(), patient.fullName(), patient.mrn(), row.responseId(),
				row.instrument(), row.flag(), row.message(), row.raisedAt(), escalated, row.acknowledgedByName(),
				row.acknowledgedAt(), row.actionTaken());
	}

	/** Whether an alert is still open when the clinic's escalation time has passed. */
	static boolean escalated(Instant raisedAt, Instant acknowledgedAt, Duration escalation, Instant now) {
		return acknowledgedAt == null && !raisedAt.plus(escalation).isAfter(now);
	}

	private static SafetyAlert row(ResultSet rs, int row) throws SQLException {
		return new SafetyAlert(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class), null, null,
				rs.getObject("response_id", UUID.class), rs.getString("instrument"), rs.getString("flag"),
				rs.getString("message"), Timestamps.read(rs, "raised_at"), false, rs.getString("acknowledged_by_name"),
				Timestamps.read(rs, "acknowledged_at"), rs.getString("action_taken"));
	}

}
