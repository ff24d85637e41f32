package org.ketacare.course;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;

/**
 * Sends reminders by email through the mail server of {@code spring.mail.*}, enabled with
 * {@code ketacare.reminders.sender=smtp}. A patient without an email address gets their
 * reminder in the outbox, for the front desk to phone them.
 */
@Component
@ConditionalOnProperty(name = "ketacare.reminders.sender", havingValue = "smtp")
class SmtpReminderSender implements ReminderSender {

	private final MailSender mail;

	private final ReminderOutbox outbox;

	private final String from;

	SmtpReminderSender(MailSender mail, ReminderOutbox outbox, @Value("${ketacare.reminders.from}") String from) {
		this.mail = mail;
		this.outbox = outbox;
		this.from = from;
	}

	@Override
	public void send(Reminder reminder) {
		if (!reminder.hasEmailAddress()) {
			this.outbox.write(reminder);
			return;
		}
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.from);
		message.setTo(reminder.recipient());
		message.setSubject(reminder.subject());
		message.setText(reminder.body());
		this.mail.send(message);
	}

	@Override
	public String name() {
		return "smtp";
	}

}
