package org.ketacare.course;

import java.util.UUID;

/**
 * A reminder to a patient the day before a visit.
 *
 * @param recipient the patient's email address, else their phone number, else a note that
 * there is no contact on file
 */
public record Reminder(UUID clinicId, UUID appointmentId, UUID patientId, String recipient, String subject,
		String body) {

	public boolean hasEmailAddress() {
		return this.recipient.contains("@");
	}

}
