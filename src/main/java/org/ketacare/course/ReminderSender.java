package org.ketacare.course;

/**
 * Where reminders go. The default writes them to the clinic's outbox page; with
 * {@code ketacare.reminders.sender=smtp} they go out by email. A failure rolls the
 * reminder back, so that the next run tries again.
 */
public interface ReminderSender {

	void send(Reminder reminder);

	/** A short name for the audit trail, such as {@code outbox}. */
	String name();

}
