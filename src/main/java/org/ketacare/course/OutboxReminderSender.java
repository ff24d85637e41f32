package org.ketacare.course;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The default sender: the reminder lands in the clinic's outbox; no mail server needed.
 */
@Component
@ConditionalOnProperty(name = "ketacare.reminders.sender", havingValue = "outbox", matchIfMissing = true)
class OutboxReminderSender implements ReminderSender {

	private final ReminderOutbox outbox;

	OutboxReminderSender(ReminderOutbox outbox) {
		this.outbox = outbox;
	}

	@Override
	public void send(Reminder reminder) {
		this.outbox.write(reminder);
	}

	@Override
	public String name() {
		return "outbox";
	}

}
