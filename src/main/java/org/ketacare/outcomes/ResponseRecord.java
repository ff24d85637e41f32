package org.ketacare.outcomes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A stored response: the answers as given, their score, who gave them and when.
 *
 * @param answers one per item; {@code null} where not answered
 * @param answeredBy whether the patient or a staff member answered
 * @param source how the answers reached the record
 * @param recordedBy the staff member who entered the answers or sent the link
 * @param corrects the response this one corrects, or {@code null}
 * @param correctedBy the response that corrects this one, or {@code null} when it stands
 */
public record ResponseRecord(UUID id, UUID patientId, String instrument, TimePoint timePoint, List<Integer> answers,
		Score score, AnsweredBy answeredBy, Source source, UUID recordedBy, String recordedByName, Instant answeredAt,
		Instant recordedAt, UUID corrects, String correctionReason, UUID correctedBy) {

	public ResponseRecord {
		answers = Collections.unmodifiableList(new ArrayList<>(answers));
	}

	public boolean isCurrent() {
		return this.correctedBy == null;
	}

	/** Entered noticeably later than answered, as from a paper questionnaire. */
	public boolean isLateEntry() {
		return Duration.between(this.answeredAt, this.recordedAt).toMinutes() > 60;
	}

	/** Who answered. */
	public enum AnsweredBy {

		PATIENT, STAFF

	}

	/** How the answers reached the record. */
	public enum Source {

		STAFF_ENTRY, API, PATIENT_LINK

	}

}
