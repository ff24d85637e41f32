package org.ketacare.infusion;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One session of a patient, for titration: the dose and how the patient responded. */
public record SessionSummary(UUID visitId, Instant checkedInAt, VisitStatus status, BigDecimal weightKg,
		BigDecimal mgPerKg, String weightBasis, BigDecimal doseMg, BigDecimal administeredMg, Integer maxCadss,
		Integer minMoaas, String adverseEvents, Integer maxSystolic) {
}
