package org.ketacare.therapy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A therapy session as a reader may see it. Psychotherapy notes are kept apart from the
 * rest of the record (HIPAA 45 CFR 164.501, 164.508(a)(2)): only therapists read the note
 * and its addenda; for everyone else {@code note} is {@code null} and {@code addenda} is
 * empty.
 *
 * @param signedAt when the therapist signed the note, which is when it was recorded
 */
public record TherapySession(UUID id, UUID patientId, SessionKind kind, Instant heldAt, int minutes,
		String therapistName, Instant signedAt, String note, List<Addendum> addenda) {

	public TherapySession {
		addenda = List.copyOf(addenda);
	}

	public boolean noteWithheld() {
		return this.note == null;
	}

	/** Text added to a signed note later, with why, by whom and when. */
	public record Addendum(UUID id, String text, String reason, String recordedByName, Instant recordedAt) {
	}

}
