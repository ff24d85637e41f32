package org.ketacare.outcomes;

import java.time.Instant;
import java.util.UUID;

/**
 * A responder's scores crossed the clinic's relapse rule: the course module suggests a
 * booster. Published in the transaction that records the response.
 *
 * @param responseId the response that completed the relapse rule
 * @param baselineTotal the baseline total the reduction is measured from
 * @param total the total of that response
 * @param respondedAt when the response that was lost began
 * @param relapsedAt when the response that completed the rule was answered
 * @param daysToRelapse whole days from response to relapse
 */
public record RelapseDetected(UUID clinicId, UUID patientId, String instrument, UUID responseId, int baselineTotal,
		int total, Instant respondedAt, Instant relapsedAt, long daysToRelapse) {
}
