package org.ketacare.patient;

import java.time.Instant;
import java.util.UUID;

/**
 * A warning shown wherever the patient appears, such as an approval given against the
 * eligibility rules.
 *
 * @param kind a stable code, such as {@code APPROVED_AGAINST_RULES}
 * @param text the warning in words
 */
public record PatientFlag(UUID id, String kind, String text, Instant raisedAt) {
}
