package org.ketacare.therapy;

import java.time.Instant;
import java.util.UUID;

/**
 * A patient whose infusion has no integration session after it yet.
 *
 * @param dueBy the end of the clinic's integration window after the infusion
 */
public record IntegrationDue(UUID patientId, String patientName, String mrn, Instant infusionAt, Instant dueBy,
		boolean overdue) {
}
