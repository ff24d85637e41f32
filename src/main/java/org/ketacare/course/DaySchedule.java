package org.ketacare.course;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.ketacare.clinic.Room;

/**
 * The clinic's visits over some days, in its zone.
 *
 * @param from the first day
 * @param to the first day after
 * @param visits every appointment that overlaps those days, cancelled ones included
 */
public record DaySchedule(LocalDate from, LocalDate to, ZoneId zone, List<Room> rooms, List<Visit> visits) {

	/** An appointment with who it is for. */
	public record Visit(Appointment appointment, String patientName, String patientMrn) {
	}

}
