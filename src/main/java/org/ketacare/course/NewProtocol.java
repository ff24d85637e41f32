package org.ketacare.course;

import java.util.List;

/**
 * A clinic administrator's new protocol, as typed into the form.
 *
 * @param phases the phases in order; rows left empty on the form are not here
 * @param maintenanceMinDays with {@code maintenanceMaxDays}, regular maintenance; both
 * {@code null} for boosters as needed
 */
public record NewProtocol(String code, String name, Integer infusionMinutes, Integer observationMinutes,
		Integer followUpDays, Integer maintenanceMinDays, Integer maintenanceMaxDays, List<PhaseRow> phases) {

	/** One phase as typed. */
	public record PhaseRow(String name, Integer sessions, Integer windowDays, Integer minimumIntervalHours,
			Integer preferredPerWeek) {
	}

}
