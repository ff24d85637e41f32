package org.ketacare.clinic;

import java.util.List;
import java.util.UUID;

/**
 * A treatment room with one chair: one patient at a time, for the whole visit.
 *
 * @param openingHours at most one period per weekday, in the clinic's local time
 * @param version for detecting concurrent edits
 */
public record Room(UUID id, UUID clinicId, String name, boolean active, List<WeeklyHours> openingHours, int version) {

	public Room {
		openingHours = List.copyOf(openingHours);
	}

}
