package org.ketacare.course;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.ketacare.clinic.Room;
import org.ketacare.clinic.StaffHours;
import org.ketacare.clinic.WeeklyHours;
import org.ketacare.platform.Role;

/** Small named fixtures for scheduling tests. */
final class Calendars {

	static final UUID CLINIC = UUID.fromString("00000000-0000-0000-0000-00000000c1c1");

	static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

	static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

	private Calendars() {
	}

	/** The standard IV ketamine protocol with the reference's defaults. */
	static Protocol standardProtocol() {
		return new Protocol(Protocol.STANDARD, "IV ketamine, standard",
				List.of(new Protocol.Phase("induction", 6, 21, 24, 3)), Protocol.Maintenance.asNeeded(), 40, 60, 28);
	}

	static List<WeeklyHours> hours(Set<DayOfWeek> days, String from, String to) {
		List<WeeklyHours> hours = new ArrayList<>();
		for (DayOfWeek day : days) {
			hours.add(new WeeklyHours(day, LocalTime.parse(from), LocalTime.parse(to)));
		}
		return hours;
	}

	static Room room(String name, List<WeeklyHours> openingHours) {
		return new Room(UUID.nameUUIDFromBytes(name.getBytes()), CLINIC, name, true, openingHours, 0);
	}

	static List<Room> rooms(int count, Set<DayOfWeek> days, String from, String to) {
		List<Room> rooms = new ArrayList<>();
		for (int number = 1; number <= count; number++) {
			rooms.add(room("Chair " + number, hours(days, from, to)));
		}
		return rooms;
	}

	static StaffHours staff(String name, Role role, List<WeeklyHours> hours) {
		return new StaffHours(UUID.nameUUIDFromBytes(name.getBytes()), name, Set.of(role), hours);
	}

	/** One nurse and one physician working the given days and hours. */
	static List<StaffHours> nurseAndPhysician(Set<DayOfWeek> days, String from, String to) {
		return List.of(staff("Nurse", Role.NURSE, hours(days, from, to)),
				staff("Physician", Role.PHYSICIAN, hours(days, from, to)));
	}

}
