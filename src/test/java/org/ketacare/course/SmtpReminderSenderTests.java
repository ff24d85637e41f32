package org.ketacare.course;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpReminderSenderTests {

	private final List<SimpleMailMessage> sent = new ArrayList<>();

	private final MailSender fakeMailServer = new MailSender() {

		@Override
		public void send(SimpleMailMessage... messages) {
			SmtpReminderSenderTests.this.sent.addAll(List.of(messages));
		}

	};

	@Test
	void aReminderToAnEmailAddressGoesOutAsMailFromTheClinicsAddress() {
		SmtpReminderSender sender = new SmtpReminderSender(this.fakeMailServer, null, "clinic@example.org");
		sender.send(new Reminder(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "alex@example.org",
				"Reminder: your ketamine infusion tomorrow at 08:00", "Dear Alex, " + Reminders.DRIVE_HOME));

		assertThat(this.sent).singleElement().satisfies((message) -> {
			assertThat(message.getFrom()).isEqualTo("clinic@example.org");
			assertThat(message.getTo()).containsExactly("alex@example.org");
			assertThat(message.getSubject()).contains("tomorrow at 08:00");
			assertThat(message.getText()).contains("arrange someone to drive you home");
		});
		assertThat(sender.name()).isEqualTo("smtp");
	}

}
