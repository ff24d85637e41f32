package org.ketacare.outcomes;

import java.time.Instant;
import java.util.UUID;

/**
 * One scored response in a patient's series for an instrument.
 *
 * @param responseId the response it comes from
 * @param answeredAt when it was answered
 * @param timePoint the time point it was given for
 * @param total its total (complete or prorated as the definition allows)
 * @param severity its severity band, or {@code null}
 */
public record ScoredPoint(UUID responseId, Instant answeredAt, TimePoint timePoint, int total, String severity) {
}
