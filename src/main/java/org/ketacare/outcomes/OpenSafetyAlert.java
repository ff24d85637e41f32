package org.ketacare.outcomes;

import java.time.Instant;
import java.util.UUID;

/**
 * A safety alert no physician has acknowledged yet, as a page that already names the
 * patient shows it beside them (the infusion board's chair).
 *
 * @param message what the answers showed, such as a positive PHQ-9 item 9
 * @param escalated not acknowledged within the clinic's escalation time
 */
public record OpenSafetyAlert(UUID id, UUID patientId, String instrument, String flag, String message, Instant raisedAt,
		boolean escalated) {

}
