package org.ketacare.infusion;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One session of a patient, for titration: the dose and how the patient responded, with
 * the chart's amendments applied.
 */
public record SessionSummary(UUID visitId, Instant checkedInAt, VisitStatus status, BigDecimal weightKg,
		BigDecimal mgPerKg, String weightBasis, BigDecimal doseMg, BigDecimal administeredMg, Integer maxCadss,
		Integer minMoaas, String adverseEvents, Integer maxSystolic) {

	static SessionSummary of(VisitChart chart) {
		VisitChart.Header visit = chart.visit();
		VisitChart.DoseOrder order = chart.doseOrder();
		List<VisitChart.Assessment> assessments = chart.correctedAssessments();
		List<VisitChart.AdverseEvent> events = chart.correctedAdverseEvents();
		return new SessionSummary(visit.id(), visit.checkedInAt(), visit.status(), visit.weightKg(),
				(order != null) ? order.mgPerKg() : null, (order != null) ? order.weightBasis() : null,
				(order != null) ? order.doseMg() : null, visit.administeredMg(),
				assessments.stream().map(VisitChart.Assessment::cadssTotal).max(Integer::compare).orElse(null),
				assessments.stream().map(VisitChart.Assessment::moaas).min(Integer::compare).orElse(null),
				events.isEmpty() ? null
						: events.stream()
							.sorted(Comparator.comparing(VisitChart.AdverseEvent::at))
							.map((event) -> event.type() + " (" + event.severity().toLowerCase(Locale.ROOT) + ")")
							.collect(Collectors.joining(", ")),
				chart.correctedVitals().stream().map(VisitChart.Vitals::systolic).max(Integer::compare).orElse(null));
	}

}
