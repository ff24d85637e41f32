package org.ketacare.clinic;

import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * A period of one weekday, in the clinic's local time: a room's opening hours or a staff
 * member's working hours.
 *
 * @param from the first minute of the period
 * @param to the end of the period, after {@code from} on the same day
 */
public record WeeklyHours(DayOfWeek day, LocalTime from, LocalTime to) {

	public WeeklyHours {
		if (day == null || from == null || to == null) {
			throw new IllegalArgumentException("day, from and to are required");
		}
		if (!to.isAfter(from)) {
			throw new IllegalArgumentException("must end after it starts");
		}
	}

	/** Whether {@code start} to {@code end} on this weekday lies inside this period. */
	public boolean covers(DayOfWeek on, LocalTime start, LocalTime end) {
		return this.day == on && !start.isBefore(this.from) && !end.isAfter(this.to) && !end.isBefore(start);
	}

}
