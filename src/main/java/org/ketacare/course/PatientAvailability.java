package org.ketacare.course;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import org.ketacare.clinic.WeeklyHours;

/**
 * When the patient said they can come: periods of weekdays in the clinic's local time,
 * several a day if they like. A visit must lie wholly inside one of them.
 */
public record PatientAvailability(List<WeeklyHours> periods) {

	public PatientAvailability {
		periods = List.copyOf(periods);
	}

	/** A patient who did not limit their availability. */
	public static PatientAvailability anyTime() {
		return new PatientAvailability(Arrays.stream(DayOfWeek.values())
			.map((day) -> new WeeklyHours(day, LocalTime.MIN, LocalTime.MAX))
			.toList());
	}

	public boolean covers(DayOfWeek day, LocalTime from, LocalTime to) {
		return this.periods.stream().anyMatch((period) -> period.covers(day, from, to));
	}

}
