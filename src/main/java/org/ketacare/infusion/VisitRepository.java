package org.ketacare.infusion;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.ketacare.platform.ConflictException;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The visit's tables; every statement names the clinic. */
@Repository
class VisitRepository {

	private static final String HEADER_COLUMNS = """
			v.id, v.appointment_id, v.patient_id, p.given_name || ' ' || p.family_name AS patient_name, p.mrn,
			v.room_name, v.scheduled_start, v.weight_kg, v.height_cm, v.escort_name, v.escort_phone,
			v.identity_confirmed, v.status,
			v.checked_in_at, v.infusion_started_at, v.infusion_ended_at, v.administered_mg, v.discharged_at,
			v.closed_at, v.version
			""";

	private final JdbcClient jdbc;

	VisitRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static final String HEADER_FROM = """
			 FROM infusion_visits v JOIN patient_names p ON p.clinic_id = v.clinic_id AND p.id = v.patient_id
			""";

	Optional<VisitChart.Header> header(UUID clinicId, UUID visitId) {
		return this.jdbc.sql("SELECT " + HEADER_COLUMNS + HEADER_FROM + " WHERE v.clinic_id = ? AND v.id = ?")
			.params(clinicId, visitId)
			.query(VisitRepository::header)
			.optional();
	}

	/** The patient's visits, oldest first. */
	List<VisitChart.Header> headersOfPatient(UUID clinicId, UUID patientId) {
		return this.jdbc
			.sql("SELECT " + HEADER_COLUMNS + HEADER_FROM
					+ " WHERE v.clinic_id = ? AND v.patient_id = ? ORDER BY v.checked_in_at, v.id")
			.params(clinicId, patientId)
			.query(VisitRepository::header)
			.list();
	}

	/**
	 * The visit's row, locked until the transaction ends: changes to one visit take
	 * turns.
	 */
	Optional<VisitChart.Header> lock(UUID clinicId, UUID visitId) {
		this.jdbc.sql("SELECT 1 FROM infusion_visits WHERE clinic_id = ? AND id = ? FOR UPDATE")
			.params(clinicId, visitId)
			.query(Integer.class)
			.optional();
		return header(clinicId, visitId);
	}

	Optional<UUID> visitOfAppointment(UUID clinicId, UUID appointmentId) {
		return this.jdbc.sql("SELECT id FROM infusion_visits WHERE clinic_id = ? AND appointment_id = ?")
			.params(clinicId, appointmentId)
			.query(UUID.class)
			.optional();
	}

	boolean appointmentHasVisit(UUID clinicId, UUID appointmentId) {
		return this.jdbc.sql("SELECT count(*) FROM infusion_visits WHERE clinic_id = ? AND appointment_id = ?")
			.params(clinicId, appointmentId)
			.query(Integer.class)
			.single() > 0;
	}

	void insertVisit(UUID clinicId, UUID id, UUID appointmentId, UUID patientId, UUID roomId, String roomName,
			Instant scheduledStart, BigDecimal weightKg, BigDecimal heightCm, String escortName, String escortPhone,
			boolean identityConfirmed, UUID by, Instant at) {
		this.jdbc.sql("""
				INSERT INTO infusion_visits (clinic_id, id, appointment_id, patient_id, room_id, room_name,
				    scheduled_start, weight_kg, height_cm, escort_name, escort_phone, identity_confirmed, status,
				    checked_in_by, checked_in_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CHECKED_IN', ?, ?)
				""")
			.params(clinicId, id, appointmentId, patientId, roomId, roomName, Timestamps.of(scheduledStart), weightKg,
					heightCm, escortName, escortPhone, identityConfirmed, by, Timestamps.of(at))
			.update();
	}

	/** Moves the visit on, refusing a stale version. */
	void changeStatus(UUID clinicId, UUID visitId, int version, VisitStatus status, String timestampColumn,
			Instant at) {
		String set = (timestampColumn != null) ? ", " + timestampColumn + " = ?" : "";
		Object[] params = (timestampColumn != null)
				? new Object[] { status.name(), Timestamps.of(at), clinicId, visitId, version }
				: new Object[] { status.name(), clinicId, visitId, version };
		int changed = this.jdbc
			.sql("UPDATE infusion_visits SET status = ?, version = version + 1" + set
					+ " WHERE clinic_id = ? AND id = ? AND version = ?")
			.params(Arrays.asList(params))
			.update();
		if (changed != 1) {
			throw new ConflictException("The visit was changed meanwhile: reload it and try again");
		}
	}

	void recordAdministered(UUID clinicId, UUID visitId, BigDecimal mg) {
		this.jdbc.sql("UPDATE infusion_visits SET administered_mg = ? WHERE clinic_id = ? AND id = ?")
			.params(mg, clinicId, visitId)
			.update();
	}

	List<VisitChart.Override> overrides(UUID clinicId, UUID visitId) {
		return ofVisit(overrides(clinicId, List.of(visitId)), visitId);
	}

	Map<UUID, List<VisitChart.Override>> overrides(UUID clinicId, Collection<UUID> visitIds) {
		return byVisit("""
				SELECT visit_id, id, kind, reason, signer_name, signed_at FROM infusion_overrides
				WHERE clinic_id = ? AND visit_id = ANY(?) ORDER BY signed_at
				""", clinicId, visitIds,
				(rs, row) -> new VisitChart.Override(rs.getObject("id", UUID.class), rs.getString("kind"),
						rs.getString("reason"), rs.getString("signer_name"), Timestamps.read(rs, "signed_at")));
	}

	List<VisitChart.Checks> checks(UUID clinicId, UUID visitId) {
		return ofVisit(checks(clinicId, List.of(visitId)), visitId);
	}

	Map<UUID, List<VisitChart.Checks>> checks(UUID clinicId, Collection<UUID> visitIds) {
		return byVisit("""
				SELECT c.visit_id, c.id, c.fasting, c.pregnancy_test, c.new_medications, c.flagged, s.display_name,
				       c.recorded_at
				FROM infusion_checks c JOIN staff_names s ON s.clinic_id = c.clinic_id AND s.id = c.recorded_by
				WHERE c.clinic_id = ? AND c.visit_id = ANY(?) ORDER BY c.recorded_at
				""", clinicId, visitIds,
				(rs, row) -> new VisitChart.Checks(rs.getObject("id", UUID.class), rs.getBoolean("fasting"),
						rs.getString("pregnancy_test").toLowerCase(java.util.Locale.ROOT),
						lines(rs.getString("new_medications")), lines(rs.getString("flagged")),
						rs.getString("display_name"), Timestamps.read(rs, "recorded_at")));
	}

	List<VisitChart.Vitals> vitals(UUID clinicId, UUID visitId) {
		return ofVisit(vitals(clinicId, List.of(visitId)), visitId);
	}

	Map<UUID, List<VisitChart.Vitals>> vitals(UUID clinicId, Collection<UUID> visitIds) {
		return byVisit("""
				SELECT v.*, s.display_name FROM infusion_vitals v
				JOIN staff_names s ON s.clinic_id = v.clinic_id AND s.id = v.recorded_by
				WHERE v.clinic_id = ? AND v.visit_id = ANY(?) ORDER BY v.taken_at, v.recorded_at
				""", clinicId, visitIds, VisitRepository::vitals);
	}

	Optional<UUID> visitOfVitals(UUID clinicId, UUID vitalsId) {
		return this.jdbc.sql("SELECT visit_id FROM infusion_vitals WHERE clinic_id = ? AND id = ?")
			.params(clinicId, vitalsId)
			.query(UUID.class)
			.optional();
	}

	static VisitChart.Vitals vitals(ResultSet rs, int row) throws SQLException {
		return new VisitChart.Vitals(rs.getObject("id", UUID.class), Timestamps.read(rs, "taken_at"),
				rs.getString("stage"), rs.getInt("systolic"), rs.getInt("diastolic"), rs.getInt("heart_rate"),
				rs.getInt("spo2"), rs.getInt("respiratory_rate"), rs.getString("display_name"));
	}

	List<VisitChart.Alarm> alarms(UUID clinicId, UUID visitId) {
		return ofVisit(alarms(clinicId, List.of(visitId)), visitId);
	}

	Map<UUID, List<VisitChart.Alarm>> alarms(UUID clinicId, Collection<UUID> visitIds) {
		return byVisit("""
				SELECT a.visit_id, a.id, a.vitals_id, a.code, a.message, a.raised_at, r.response, r.paused,
				       s.display_name, r.responded_at
				FROM infusion_alarms a
				LEFT JOIN infusion_alarm_responses r ON r.clinic_id = a.clinic_id AND r.alarm_id = a.id
				LEFT JOIN staff_names s ON s.clinic_id = r.clinic_id AND s.id = r.responded_by
				WHERE a.clinic_id = ? AND a.visit_id = ANY(?) ORDER BY a.raised_at
				""", clinicId, visitIds,
				(rs, row) -> new VisitChart.Alarm(rs.getObject("id", UUID.class), rs.getObject("vitals_id", UUID.class),
						rs.getString("code"), rs.getString("message"), Timestamps.read(rs, "raised_at"),
						rs.getString("response"), (Boolean) rs.getObject("paused"), rs.getString("display_name"),
						Timestamps.read(rs, "responded_at")));
	}

	Optional<VisitChart.DoseOrder> doseOrder(UUID clinicId, UUID visitId) {
		return Optional.ofNullable(doseOrders(clinicId, List.of(visitId)).get(visitId));
	}

	Map<UUID, VisitChart.DoseOrder> doseOrders(UUID clinicId, Collection<UUID> visitIds) {
		return oneByVisit("SELECT * FROM infusion_dose_orders WHERE clinic_id = ? AND visit_id = ANY(?)", clinicId,
				visitIds,
				(rs, row) -> new VisitChart.DoseOrder(rs.getBigDecimal("mg_per_kg"),
						rs.getString("weight_basis").toLowerCase(java.util.Locale.ROOT),
						rs.getBigDecimal("basis_weight_kg"), rs.getInt("duration_minutes"), rs.getBigDecimal("dose_mg"),
						rs.getBigDecimal("rate_mg_per_hour"), rs.getBigDecimal("bag_volume_ml"),
						rs.getBigDecimal("concentration_mg_per_ml"), rs.getBigDecimal("rate_ml_per_hour"),
						lines(rs.getString("arithmetic")), rs.getString("reason"), rs.getString("signer_name"),
						Timestamps.read(rs, "signed_at")));
	}

	Optional<VisitChart.Preparation> preparation(UUID clinicId, UUID visitId) {
		return Optional.ofNullable(preparations(clinicId, List.of(visitId)).get(visitId));
	}

	Map<UUID, VisitChart.Preparation> preparations(UUID clinicId, Collection<UUID> visitIds) {
		return oneByVisit("""
				SELECT p.*, s.display_name FROM infusion_preparations p
				JOIN staff_names s ON s.clinic_id = p.clinic_id AND s.id = p.prepared_by
				WHERE p.clinic_id = ? AND p.visit_id = ANY(?)
				""", clinicId, visitIds,
				(rs, row) -> new VisitChart.Preparation(rs.getString("site"), rs.getInt("gauge"),
						rs.getBigDecimal("drawn_ml"), rs.getString("diluent"), rs.getBigDecimal("final_volume_ml"),
						rs.getBigDecimal("final_concentration_mg_per_ml"), rs.getString("display_name"),
						rs.getString("checker_name"), Timestamps.read(rs, "prepared_at")));
	}

	List<VisitChart.DrawnVial> draws(UUID clinicId, UUID visitId) {
		return ofVisit(draws(clinicId, List.of(visitId)), visitId);
	}

	Map<UUID, List<VisitChart.DrawnVial>> draws(UUID clinicId, Collection<UUID> visitIds) {
		return byVisit("""
				SELECT visit_id, draw_id, vial_label, product, lot, expiry, mg FROM infusion_draws
				WHERE clinic_id = ? AND visit_id = ANY(?) ORDER BY vial_label
				""", clinicId, visitIds,
				(rs, row) -> new VisitChart.DrawnVial(rs.getObject("draw_id", UUID.class), rs.getString("vial_label"),
						rs.getString("product"), rs.getString("lot"), rs.getObject("expiry", java.time.LocalDate.class),
						rs.getBigDecimal("mg")));
	}

	List<VisitChart.Event> events(UUID clinicId, UUID visitId) {
		return ofVisit(events(clinicId, List.of(visitId)), visitId);
	}

	Map<UUID, List<VisitChart.Event>> events(UUID clinicId, Collection<UUID> visitIds) {
		return byVisit("""
				SELECT e.visit_id, e.id, e.kind, e.at, e.rate_mg_per_hour, e.reason, s.display_name
				FROM infusion_events e JOIN staff_names s ON s.clinic_id = e.clinic_id AND s.id = e.recorded_by
				WHERE e.clinic_id = ? AND e.visit_id = ANY(?) ORDER BY e.at, e.kind = 'STOP'
				""", clinicId, visitIds,
				(rs, row) -> new VisitChart.Event(rs.getObject("id", UUID.class), rs.getString("kind"),
						Timestamps.read(rs, "at"), rs.getBigDecimal("rate_mg_per_hour"), rs.getString("reason"),
						rs.getString("display_name")));
	}

	Map<UUID, List<VisitChart.Assessment>> assessments(UUID clinicId, Collection<UUID> visitIds) {
		return byVisit("""
				SELECT a.visit_id, a.id, a.taken_at, a.cadss_items, a.cadss_total, a.moaas, s.display_name
				FROM infusion_assessments a JOIN staff_names s ON s.clinic_id = a.clinic_id AND s.id = a.recorded_by
				WHERE a.clinic_id = ? AND a.visit_id = ANY(?) ORDER BY a.taken_at
				""", clinicId, visitIds,
				(rs, row) -> new VisitChart.Assessment(rs.getObject("id", UUID.class), Timestamps.read(rs, "taken_at"),
						Arrays.stream(rs.getString("cadss_items").split(",")).map(Integer::valueOf).toList(),
						rs.getInt("cadss_total"), rs.getInt("moaas"), rs.getString("display_name")));
	}

	Map<UUID, List<VisitChart.AdverseEvent>> adverseEvents(UUID clinicId, Collection<UUID> visitIds) {
		return byVisit("""
				SELECT a.*, s.display_name FROM infusion_adverse_events a
				JOIN staff_names s ON s.clinic_id = a.clinic_id AND s.id = a.recorded_by
				WHERE a.clinic_id = ? AND a.visit_id = ANY(?) ORDER BY a.at
				""", clinicId, visitIds,
				(rs, row) -> new VisitChart.AdverseEvent(rs.getObject("id", UUID.class), rs.getString("type"),
						rs.getString("description"), rs.getString("severity"), rs.getString("action"),
						rs.getString("outcome"), Timestamps.read(rs, "at"), rs.getString("display_name")));
	}

	Optional<VisitChart.Discharge> discharge(UUID clinicId, UUID visitId) {
		return Optional.ofNullable(discharges(clinicId, List.of(visitId)).get(visitId));
	}

	Map<UUID, VisitChart.Discharge> discharges(UUID clinicId, Collection<UUID> visitIds) {
		return oneByVisit("SELECT * FROM infusion_discharges WHERE clinic_id = ? AND visit_id = ANY(?)", clinicId,
				visitIds,
				(rs, row) -> new VisitChart.Discharge(rs.getBoolean("vitals_near_baseline"),
						rs.getBoolean("alert_and_oriented"), rs.getBoolean("walks_steadily"),
						rs.getBoolean("minimal_nausea"), rs.getBoolean("escort_present"), rs.getString("signer_name"),
						Timestamps.read(rs, "signed_at")));
	}

	List<VisitChart.SignatureRow> signatures(UUID clinicId, UUID visitId) {
		return ofVisit(signatures(clinicId, List.of(visitId)), visitId);
	}

	Map<UUID, List<VisitChart.SignatureRow>> signatures(UUID clinicId, Collection<UUID> visitIds) {
		return byVisit("""
				SELECT visit_id, role, signer_name, signed_at, meaning FROM infusion_signatures
				WHERE clinic_id = ? AND visit_id = ANY(?) ORDER BY signed_at
				""", clinicId, visitIds, (rs, row) -> new VisitChart.SignatureRow(rs.getString("role"),
				rs.getString("signer_name"), Timestamps.read(rs, "signed_at"), rs.getString("meaning")));
	}

	Map<UUID, List<VisitChart.Amendment>> amendments(UUID clinicId, Collection<UUID> visitIds) {
		return byVisit("""
				SELECT * FROM infusion_amendments WHERE clinic_id = ? AND visit_id = ANY(?) ORDER BY amended_at
				""", clinicId, visitIds,
				(rs, row) -> new VisitChart.Amendment(rs.getObject("id", UUID.class), rs.getString("target"),
						rs.getObject("target_id", UUID.class), rs.getString("field"), rs.getString("original_value"),
						rs.getString("corrected_value"), rs.getString("reason"), rs.getString("author_name"),
						Timestamps.read(rs, "amended_at")));
	}

	/**
	 * The rows of one visit table for all these visits in one statement, grouped by their
	 * {@code visit_id} column; each visit's rows keep the statement's order. The
	 * statement takes the clinic and then the visit ids as a {@code uuid[]}.
	 */
	private <T> Map<UUID, List<T>> byVisit(String sql, UUID clinicId, Collection<UUID> visitIds, RowMapper<T> row) {
		ResultSetExtractor<Map<UUID, List<T>>> grouped = (rs) -> {
			Map<UUID, List<T>> byVisit = new HashMap<>();
			int rowNum = 0;
			while (rs.next()) {
				T mapped = row.mapRow(rs, rowNum++);
				byVisit.computeIfAbsent(rs.getObject("visit_id", UUID.class), (visitId) -> new ArrayList<>())
					.add(mapped);
			}
			return byVisit;
		};
		return this.jdbc.sql(sql).params(clinicId, new SqlArrayValue("uuid", visitIds.toArray())).query(grouped);
	}

	/** Like {@link #byVisit} for the tables with at most one row per visit. */
	private <T> Map<UUID, T> oneByVisit(String sql, UUID clinicId, Collection<UUID> visitIds, RowMapper<T> row) {
		Map<UUID, T> byVisit = new HashMap<>();
		byVisit(sql, clinicId, visitIds, row).forEach((visitId, rows) -> byVisit.put(visitId, rows.get(0)));
		return byVisit;
	}

	/** One visit's rows from a map of {@link #byVisit}: none when it has none. */
	static <T> List<T> ofVisit(Map<UUID, List<T>> byVisit, UUID visitId) {
		return byVisit.getOrDefault(visitId, List.of());
	}

	/** Inserts one row of an append-only visit table, columns named in order. */
	void insert(String table, List<String> columns, Object... values) {
		String placeholders = String.join(", ", columns.stream().map((c) -> "?").toList());
		this.jdbc.sql("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + placeholders + ")")
			.params(Arrays.asList(values))
			.update();
	}

	/** The clinic's visits not yet discharged: the chairs in use now. */
	List<VisitChart.Header> openVisits(UUID clinicId) {
		return this.jdbc
			.sql("SELECT " + HEADER_COLUMNS + HEADER_FROM
					+ " WHERE v.clinic_id = ? AND v.status NOT IN ('DISCHARGED', 'CLOSED') ORDER BY v.room_name")
			.params(clinicId)
			.query(VisitRepository::header)
			.list();
	}

	Optional<VisitChart.Vitals> latestVitals(UUID clinicId, UUID visitId) {
		return this.jdbc.sql("""
				SELECT v.*, s.display_name FROM infusion_vitals v
				JOIN staff_names s ON s.clinic_id = v.clinic_id AND s.id = v.recorded_by
				WHERE v.clinic_id = ? AND v.visit_id = ? ORDER BY v.taken_at DESC, v.recorded_at DESC LIMIT 1
				""").params(clinicId, visitId).query(VisitRepository::vitals).optional();
	}

	int openAlarmCount(UUID clinicId, UUID visitId) {
		return this.jdbc.sql("""
				SELECT count(*) FROM infusion_alarms a WHERE a.clinic_id = ? AND a.visit_id = ?
				  AND NOT EXISTS (SELECT 1 FROM infusion_alarm_responses r WHERE r.clinic_id = a.clinic_id
				                  AND r.alarm_id = a.id)
				""").params(clinicId, visitId).query(Integer.class).single();
	}

	/**
	 * One row per visit of the patient, newest first: dose and response across sessions.
	 */
	private static VisitChart.Header header(ResultSet rs, int row) throws SQLException {
		return new VisitChart.Header(rs.getObject("id", UUID.class), rs.getObject("appointment_id", UUID.class),
				rs.getObject("patient_id", UUID.class), rs.getString("patient_name"), rs.getString("mrn"),
				rs.getString("room_name"), Timestamps.read(rs, "scheduled_start"), rs.getBigDecimal("weight_kg"),
				rs.getBigDecimal("height_cm"), rs.getString("escort_name"), rs.getString("escort_phone"),
				rs.getObject("identity_confirmed", Boolean.class), VisitStatus.valueOf(rs.getString("status")),
				Timestamps.read(rs, "checked_in_at"), Timestamps.read(rs, "infusion_started_at"),
				Timestamps.read(rs, "infusion_ended_at"), rs.getBigDecimal("administered_mg"),
				Timestamps.read(rs, "discharged_at"), Timestamps.read(rs, "closed_at"), rs.getInt("version"));
	}

	static List<String> lines(String text) {
		return (text == null || text.isEmpty()) ? List.of() : List.of(text.split("\n"));
	}

}
