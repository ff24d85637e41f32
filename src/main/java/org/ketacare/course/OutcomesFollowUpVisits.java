package org.ketacare.course;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.ketacare.outcomes.FollowUpVisits;
import org.ketacare.patient.Patient;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The course module's answer to what measurement-based care asks of follow-up visits. */
@Component
class OutcomesFollowUpVisits implements FollowUpVisits {

	private final JdbcClient jdbc;

	private final PatientRegistry patients;

	private final ReminderSender sender;

	OutcomesFollowUpVisits(JdbcClient jdbc, PatientRegistry patients, ReminderSender sender) {
		this.jdbc = jdbc;
		this.patients = patients;
		this.sender = sender;
	}

	@Override
	public List<Visit> between(UUID clinicId, Instant from, Instant to) {
		return this.jdbc
			.sql("""
					SELECT a.id, a.patient_id, a.course_id, c.protocol_code, c.created_at, a.starts_at, a.status, a.booked_by
					  FROM appointments a JOIN courses c ON c.clinic_id = a.clinic_id AND c.id = a.course_id
					 WHERE a.clinic_id = ? AND a.kind = 'FOLLOW_UP' AND a.status <> 'CANCELLED'
					   AND a.starts_at >= ? AND a.starts_at < ?
					 ORDER BY a.starts_at
					""")
			.params(clinicId, Timestamps.of(from), Timestamps.of(to))
			.query((rs, row) -> new Visit(rs.getObject("id", UUID.class), clinicId,
					rs.getObject("patient_id", UUID.class), rs.getObject("course_id", UUID.class),
					rs.getString("protocol_code"), Timestamps.read(rs, "created_at"), Timestamps.read(rs, "starts_at"),
					rs.getString("status"), rs.getObject("booked_by", UUID.class)))
			.list();
	}

	@Override
	public Set<UUID> patientsOnProtocol(UUID clinicId, String protocolCode) {
		return new HashSet<>(
				this.jdbc.sql("SELECT DISTINCT patient_id FROM courses WHERE clinic_id = ? AND protocol_code = ?")
					.params(clinicId, protocolCode)
					.query(UUID.class)
					.list());
	}

	@Override
	public List<String> protocolCodes(UUID clinicId) {
		return this.jdbc.sql("SELECT DISTINCT protocol_code FROM courses WHERE clinic_id = ? ORDER BY protocol_code")
			.params(clinicId)
			.query(String.class)
			.list();
	}

	@Override
	public void send(Visit visit, String subject, String body) {
		Patient patient = this.patients.get(visit.clinicId(), visit.patientId());
		this.sender.send(new Reminder(visit.clinicId(), visit.appointmentId(), patient.id(),
				Reminders.recipient(patient), subject, body));
	}

}
