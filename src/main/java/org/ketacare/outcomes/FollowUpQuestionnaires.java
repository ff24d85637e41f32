package org.ketacare.outcomes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ketacare.clinic.Clinic;
import org.ketacare.clinic.Clinics;
import org.ketacare.platform.Timestamps;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The day before a follow-up visit (the clinic's tomorrow, in its own zone), a personal
 * link for the follow-up PHQ-9 goes to the patient the way visit reminders go. Each
 * appointment gets one link, however often the job runs: the appointment is claimed
 * first, in the same transaction as the link and the sending.
 */
@Component
class FollowUpQuestionnaires {

	private static final Logger log = LoggerFactory.getLogger(FollowUpQuestionnaires.class);

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm (z)",
			Locale.US);

	private final Clinics clinics;

	private final FollowUpVisits visits;

	private final QuestionnaireLinks links;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final OutcomesProperties properties;

	private final Clock clock;

	FollowUpQuestionnaires(Clinics clinics, FollowUpVisits visits, QuestionnaireLinks links, JdbcClient jdbc,
			TransactionTemplate transactions, OutcomesProperties properties, Clock clock, Environment environment) {
		properties.requireReachableBy(environment);
		this.clinics = clinics;
		this.visits = visits;
		this.links = links;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(cron = "${ketacare.outcomes.follow-up-cron:0 */15 * * * *}")
	void sendDue() {
		for (Clinic clinic : this.clinics.all()) {
			int sent = sendDue(clinic, this.clock.instant());
			if (sent > 0) {
				log.info("Sent {} follow-up questionnaire links for {}", sent, clinic.slug());
			}
		}
	}

	/** Sends the links for the clinic's follow-up visits tomorrow, as of {@code now}. */
	int sendDue(Clinic clinic, Instant now) {
		LocalDate tomorrow = LocalDate.ofInstant(now, clinic.timeZone()).plusDays(1);
		List<FollowUpVisits.Visit> due = this.visits
			.between(clinic.id(), tomorrow.atStartOfDay(clinic.timeZone()).toInstant(),
					tomorrow.plusDays(1).atStartOfDay(clinic.timeZone()).toInstant())
			.stream()
			.filter((visit) -> "BOOKED".equals(visit.status()))
			.toList();
		int sent = 0;
		for (FollowUpVisits.Visit visit : due) {
			if (Boolean.TRUE.equals(this.transactions.execute((status) -> send(clinic, visit, now)))) {
				sent++;
			}
		}
		return sent;
	}

	private boolean send(Clinic clinic, FollowUpVisits.Visit visit, Instant now) {
		int claimed = this.jdbc.sql("""
				INSERT INTO outcome_follow_up_links (clinic_id, appointment_id, patient_id, sent_at)
				VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
				""").params(clinic.id(), visit.appointmentId(), visit.patientId(), Timestamps.of(now)).update();
		if (claimed == 0) {
			return false;
		}
		QuestionnaireLinks.IssuedLink issued = this.links.issueForFollowUp(clinic.id(), visit.patientId(),
				visit.bookedBy());
		this.jdbc.sql("UPDATE outcome_follow_up_links SET link_id = ? WHERE clinic_id = ? AND appointment_id = ?")
			.params(issued.link().id(), clinic.id(), visit.appointmentId())
			.update();
		String url = this.properties.publicUrl().replaceAll("/+$", "") + "/q/" + issued.token();
		this.visits.send(visit, "Before your follow-up visit tomorrow: a short questionnaire",
				"Hello,\n\nbefore your follow-up visit at " + clinic.name() + ", "
						+ WHEN.format(visit.start().atZone(clinic.timeZone()))
						+ ", please answer a short questionnaire (PHQ-9) about the last two weeks:\n\n" + url
						+ "\n\nThe link works once and expires on "
						+ WHEN.format(issued.link().expiresAt().atZone(clinic.timeZone())) + ".\n");
		return true;
	}

}
