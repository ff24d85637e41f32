package org.ketacare.therapy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The therapy module's tables; every query is scoped to one clinic. */
@Repository
class TherapyRepository {

	private static final String SESSION_COLUMNS = """
			s.id, s.patient_id, s.kind, s.held_at, s.minutes, s.note, s.signed_at, n.display_name AS therapist_name
			FROM therapy_sessions s JOIN staff_names n ON n.clinic_id = s.clinic_id AND n.id = s.therapist_id
			""";

	private final JdbcClient jdbc;

	TherapyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insertSession(UUID clinicId, UUID id, UUID patientId, SessionKind kind, Instant heldAt, int minutes,
			String note, UUID therapistId, Instant signedAt, String meaning) {
		this.jdbc.sql("""
				INSERT INTO therapy_sessions (clinic_id, id, patient_id, kind, held_at, minutes, note, therapist_id,
				                              signed_at, signature_meaning)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(clinicId, id, patientId, kind.name(), Timestamps.of(heldAt), minutes, note, therapistId,
					Timestamps.of(signedAt), meaning)
			.update();
	}

	void insertAddendum(UUID clinicId, UUID id, UUID sessionId, String text, String reason, UUID recordedBy,
			Instant recordedAt) {
		this.jdbc.sql("""
				INSERT INTO therapy_session_addenda (clinic_id, id, session_id, text, reason, recorded_by, recorded_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				""").params(clinicId, id, sessionId, text, reason, recordedBy, Timestamps.of(recordedAt)).update();
	}

	Optional<TherapySession> find(UUID clinicId, UUID sessionId) {
		return this.jdbc.sql("SELECT " + SESSION_COLUMNS + " WHERE s.clinic_id = ? AND s.id = ?")
			.params(clinicId, sessionId)
			.query((rs, n) -> session(rs, List.of()))
			.optional();
	}

	/** The patient's sessions, newest first, each with its addenda oldest first. */
	List<TherapySession> ofPatient(UUID clinicId, UUID patientId) {
		List<TherapySession> sessions = this.jdbc
			.sql("SELECT " + SESSION_COLUMNS + " WHERE s.clinic_id = ? AND s.patient_id = ? ORDER BY s.held_at DESC")
			.params(clinicId, patientId)
			.query((rs, n) -> session(rs, List.of()))
			.list();
		if (sessions.isEmpty()) {
			return sessions;
		}
		Map<UUID, List<TherapySession.Addendum>> addenda = new HashMap<>();
		this.jdbc.sql("""
				SELECT a.id, a.session_id, a.text, a.reason, a.recorded_at, n.display_name
				FROM therapy_session_addenda a
				JOIN therapy_sessions s ON s.clinic_id = a.clinic_id AND s.id = a.session_id
				JOIN staff_names n ON n.clinic_id = a.clinic_id AND n.id = a.recorded_by
				WHERE a.clinic_id = ? AND s.patient_id = ?
				ORDER BY a.recorded_at
				""").params(clinicId, patientId).query((ResultSet rs) -> {
			addenda.computeIfAbsent(rs.getObject("session_id", UUID.class), (k) -> new ArrayList<>())
				.add(new TherapySession.Addendum(rs.getObject("id", UUID.class), rs.getString("text"),
						rs.getString("reason"), rs.getString("display_name"), Timestamps.read(rs, "recorded_at")));
		});
		return sessions.stream()
			.map((s) -> new TherapySession(s.id(), s.patientId(), s.kind(), s.heldAt(), s.minutes(), s.therapistName(),
					s.signedAt(), s.note(), addenda.getOrDefault(s.id(), List.of())))
			.toList();
	}

	/**
	 * When each of these patients last had an integration session, for those who had one.
	 */
	Map<UUID, Instant> lastIntegration(UUID clinicId, Collection<UUID> patientIds) {
		Map<UUID, Instant> last = new HashMap<>();
		if (patientIds.isEmpty()) {
			return last;
		}
		this.jdbc.sql("""
				SELECT patient_id, max(held_at) AS held_at FROM therapy_sessions
				WHERE clinic_id = :clinic AND kind = 'INTEGRATION' AND patient_id IN (:patients)
				GROUP BY patient_id
				""").param("clinic", clinicId).param("patients", List.copyOf(patientIds)).query((ResultSet rs) -> {
			last.put(rs.getObject("patient_id", UUID.class), Timestamps.read(rs, "held_at"));
		});
		return last;
	}

	private static TherapySession session(ResultSet rs, List<TherapySession.Addendum> addenda) throws SQLException {
		return new TherapySession(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
				SessionKind.valueOf(rs.getString("kind")), Timestamps.read(rs, "held_at"), rs.getInt("minutes"),
				rs.getString("therapist_name"), Timestamps.read(rs, "signed_at"), rs.getString("note"), addenda);
	}

}
