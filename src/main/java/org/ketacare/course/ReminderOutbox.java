package org.ketacare.course;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The clinic's outbox of reminders, shown on a page for the front desk. */
@Component
class ReminderOutbox {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditLog audit;

	ReminderOutbox(JdbcClient jdbc, Clock clock, AuditLog audit) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
	}

	void write(Reminder reminder) {
		this.jdbc.sql("""
				INSERT INTO reminder_outbox (clinic_id, id, appointment_id, patient_id, recipient, subject, body,
				    created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(reminder.clinicId(), UUID.randomUUID(), reminder.appointmentId(), reminder.patientId(),
					reminder.recipient(), reminder.subject(), reminder.body(), Timestamps.of(this.clock.instant()))
			.update();
	}

	/** The newest entries first; each patient shown is audited. */
	@Transactional
	List<Entry> latest(StaffPrincipal by, int limit) {
		List<Entry> entries = this.jdbc.sql("""
				SELECT appointment_id, patient_id, recipient, subject, body, created_at FROM reminder_outbox
				 WHERE clinic_id = ? ORDER BY created_at DESC LIMIT ?
				""")
			.params(by.clinicId(), limit)
			.query((rs, row) -> new Entry(rs.getObject("appointment_id", UUID.class),
					rs.getObject("patient_id", UUID.class), rs.getString("recipient"), rs.getString("subject"),
					rs.getString("body"), Timestamps.read(rs, "created_at")))
			.list();
		entries.stream()
			.map(Entry::patientId)
			.distinct()
			.forEach((patientId) -> this.audit.record(by,
					AuditRecord.success("REMINDER_OUTBOX_VIEWED").target("patient", patientId).patient(patientId)));
		return entries;
	}

	/** One reminder in the outbox. */
	record Entry(UUID appointmentId, UUID patientId, String recipient, String subject, String body, Instant createdAt) {
	}

}
