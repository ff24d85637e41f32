package org.ketacare.course;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ketacare.clinic.Clinic;
import org.ketacare.clinic.Clinics;
import org.ketacare.patient.Patient;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The day before each visit, a reminder to the patient. Runs every quarter of an hour on
 * the injected clock; "tomorrow" is the clinic's tomorrow in its own zone. Each
 * appointment gets one reminder, however often the job runs: the reminder row is claimed
 * first, in the same transaction as the sending.
 */
@Component
class Reminders {

	static final String DRIVE_HOME = "Please arrange someone to drive you home: you must not drive for the rest of "
			+ "the day after an infusion, until the next day after a restful sleep.";

	private static final Logger log = LoggerFactory.getLogger(Reminders.class);

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm (z)",
			Locale.US);

	private final JdbcClient jdbc;

	private final Clinics clinics;

	private final PatientRegistry patients;

	private final ReminderSender sender;

	private final AuditLog audit;

	private final Clock clock;

	private final TransactionTemplate transactions;

	Reminders(JdbcClient jdbc, Clinics clinics, PatientRegistry patients, ReminderSender sender, AuditLog audit,
			Clock clock, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.clinics = clinics;
		this.patients = patients;
		this.sender = sender;
		this.audit = audit;
		this.clock = clock;
		this.transactions = transactions;
	}

	@Scheduled(cron = "${ketacare.reminders.cron:0 */15 * * * *}")
	void sendDueReminders() {
		for (Clinic clinic : this.clinics.all()) {
			int sent = sendDueReminders(clinic);
			if (sent > 0) {
				log.info("Sent {} visit reminders for {}", sent, clinic.slug());
			}
		}
	}

	/** Sends the reminders of the clinic's visits tomorrow that have none yet. */
	int sendDueReminders(Clinic clinic) {
		LocalDate tomorrow = LocalDate.now(this.clock.withZone(clinic.timeZone())).plusDays(1);
		List<UUID> due = this.jdbc.sql("""
				SELECT a.id FROM appointments a
				 WHERE a.clinic_id = ? AND a.status = 'BOOKED' AND a.starts_at >= ? AND a.starts_at < ?
				   AND NOT EXISTS (SELECT 1 FROM appointment_reminders r
				                    WHERE r.clinic_id = a.clinic_id AND r.appointment_id = a.id)
				 ORDER BY a.starts_at
				""")
			.params(clinic.id(), Timestamps.of(tomorrow.atStartOfDay(clinic.timeZone()).toInstant()),
					Timestamps.of(tomorrow.plusDays(1).atStartOfDay(clinic.timeZone()).toInstant()))
			.query(UUID.class)
			.list();
		int sent = 0;
		for (UUID appointmentId : due) {
			Boolean done = this.transactions.execute((status) -> remind(clinic, appointmentId));
			if (Boolean.TRUE.equals(done)) {
				sent++;
			}
		}
		return sent;
	}

	private boolean remind(Clinic clinic, UUID appointmentId) {
		int claimed = this.jdbc.sql("""
				INSERT INTO appointment_reminders (clinic_id, appointment_id, sent_at, sender)
				VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
				""")
			.params(clinic.id(), appointmentId, Timestamps.of(this.clock.instant()), this.sender.name())
			.update();
		if (claimed == 0) {
			return false;
		}
		record Due(UUID patientId, String kind, ZonedDateTime start) {
		}
		Due due = this.jdbc.sql("SELECT patient_id, kind, starts_at FROM appointments WHERE clinic_id = ? AND id = ?")
			.params(clinic.id(), appointmentId)
			.query((rs, row) -> new Due(rs.getObject("patient_id", UUID.class), rs.getString("kind"),
					Timestamps.read(rs, "starts_at").atZone(clinic.timeZone())))
			.single();
		Patient patient = this.patients.get(clinic.id(), due.patientId());
		this.sender.send(reminder(clinic, appointmentId, patient, VisitKind.valueOf(due.kind()), due.start()));
		this.audit.record(AuditRecord.success("REMINDER_SENT")
			.target("appointment", appointmentId)
			.patient(patient.id())
			.details("via " + this.sender.name() + " for " + due.start())
			.asActor(new AuditRecord.Actor(clinic.id(), null, "system", null)));
		return true;
	}

	/** The patient's email address, else their phone number, else a note for the desk. */
	static String recipient(Patient patient) {
		return (patient.email() != null && !patient.email().isBlank()) ? patient.email()
				: (patient.phone() != null && !patient.phone().isBlank()) ? patient.phone()
						: "no email or phone on file: tell the patient in person";
	}

	static Reminder reminder(Clinic clinic, UUID appointmentId, Patient patient, VisitKind kind, ZonedDateTime start) {
		String recipient = recipient(patient);
		String visit = (kind == VisitKind.INFUSION) ? "ketamine infusion" : "follow-up visit";
		StringBuilder body = new StringBuilder();
		body.append("Dear ").append(patient.givenName()).append(",\n\n");
		body.append("this is a reminder of your ")
			.append(visit)
			.append(" at ")
			.append(clinic.name())
			.append(" tomorrow, ");
		body.append(WHEN.format(start)).append(".\n\n");
		if (kind == VisitKind.INFUSION) {
			body.append(DRIVE_HOME).append("\n\n");
		}
		body.append("If you cannot come, please call the clinic.\n");
		return new Reminder(clinic.id(), appointmentId, patient.id(), recipient,
				"Reminder: your " + visit + " tomorrow at " + start.toLocalTime(), body.toString());
	}

}
