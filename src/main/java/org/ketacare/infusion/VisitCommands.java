package org.ketacare.infusion;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What the API and the pages send for each step of a visit; the service checks every
 * field.
 */
final class VisitCommands {

	private VisitCommands() {
	}

	record CheckIn(Boolean identityConfirmed, BigDecimal weightKg, String escortName, String escortPhone) {
	}

	record Override(String kind, String reason, String password) {
	}

	record Checks(Boolean fasting, String pregnancyTest, List<String> newMedications) {
	}

	record Vitals(OffsetDateTime takenAt, Integer systolic, Integer diastolic, Integer heartRate, Integer spo2,
			Integer respiratoryRate) {
	}

	record AlarmResponse(String response, Boolean pause) {
	}

	record DoseOrder(BigDecimal mgPerKg, Integer durationMinutes, String weightBasis, String reason, String password) {
	}

	record VialDraw(UUID vialId, BigDecimal mg) {
	}

	record Preparation(String site, Integer gauge, List<VialDraw> vials, BigDecimal drawnMl, String diluent,
			BigDecimal finalVolumeMl, String checkerUsername, String checkerPassword) {
	}

	record TimelineEvent(String kind, OffsetDateTime at, BigDecimal rateMgPerHour, String reason) {
	}

	record Waste(String method, String witnessUsername, String witnessPassword) {
	}

	record Assessment(List<Integer> cadss, Integer moaas) {
	}

	record AdverseEvent(String type, String description, String severity, String action, String outcome) {
	}

	record Discharge(Boolean vitalsNearBaseline, Boolean alertAndOriented, Boolean walksSteadily, Boolean minimalNausea,
			Boolean escortPresent, String password) {
	}

	record Sign(String password) {
	}

	record Amendment(String target, UUID targetId, String field, String value, String reason) {
	}

}
