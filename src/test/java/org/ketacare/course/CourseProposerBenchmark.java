package org.ketacare.course;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.clinic.Room;
import org.ketacare.clinic.StaffHours;
import org.ketacare.platform.Role;

/**
 * Not a test: proposes courses in a clinic whose calendar is 80% full over three months
 * and prints the time per proposal. Run with {@code ./mvnw -Pbench verify}.
 */
class CourseProposerBenchmark {

	private static final ZoneId ZONE = ZoneId.of("America/New_York");

	private static final int ROOMS = 4;

	private static final int VISIT_MINUTES = 100;

	private static final int PROPOSALS = 200;

	@Test
	void proposesACourseInAClinicThatIsEightyPercentFull() {
		Random random = new Random(42);
		LocalDate first = LocalDate.of(2026, 9, 7);
		List<Room> rooms = Calendars.rooms(ROOMS, Calendars.WEEKDAYS, "08:00", "18:00");
		List<StaffHours> staff = List.of(
				Calendars.staff("Nurse A", Role.NURSE, Calendars.hours(Calendars.WEEKDAYS, "08:00", "18:00")),
				Calendars.staff("Nurse B", Role.NURSE, Calendars.hours(Calendars.WEEKDAYS, "08:00", "18:00")),
				Calendars.staff("Physician", Role.PHYSICIAN, Calendars.hours(Calendars.WEEKDAYS, "08:00", "18:00")));
		List<Booking> bookings = new ArrayList<>();
		int places = 0;
		for (LocalDate day = first; day.isBefore(first.plusMonths(3)); day = day.plusDays(1)) {
			if (!Calendars.WEEKDAYS.contains(day.getDayOfWeek())) {
				continue;
			}
			for (Room room : rooms) {
				for (int visit = 0; visit < 600 / VISIT_MINUTES; visit++) {
					places++;
					if (random.nextDouble() < 0.8) {
						ZonedDateTime start = day.atTime(8, 0).plusMinutes((long) visit * VISIT_MINUTES).atZone(ZONE);
						bookings.add(new Booking(room.id(), start.toInstant(),
								start.plusMinutes(VISIT_MINUTES).toInstant(), true, UUID.randomUUID()));
					}
				}
			}
		}
		Protocol standard = Calendars.standardProtocol();
		long[] nanos = new long[PROPOSALS];
		int found = 0;
		for (int run = -20; run < PROPOSALS; run++) {
			LocalDate start = first.plusDays(random.nextInt(45));
			PatientAvailability availability = (random.nextBoolean()) ? PatientAvailability.anyTime()
					: new PatientAvailability(Calendars.hours(Calendars.WEEKDAYS, "09:00", "15:00"));
			PlanningRequest request = new PlanningRequest(UUID.randomUUID(), standard, start, ZONE, rooms, staff,
					bookings, 2, 15, 30, 7, availability);
			long before = System.nanoTime();
			Proposal proposal = CourseProposer.propose(request);
			long took = System.nanoTime() - before;
			if (run >= 0) {
				nanos[run] = took;
				found += (proposal instanceof Proposal.Found) ? 1 : 0;
			}
		}
		Arrays.sort(nanos);
		System.out.printf("%n=== Course proposer benchmark ===%n");
		System.out.printf("Calendar: %d rooms, 3 months, %d of %d visit places booked (%.0f%%), %d bookings%n", ROOMS,
				bookings.size(), places, 100.0 * bookings.size() / places, bookings.size());
		System.out.printf("Proposals: %d (%d found, %d blocked), after 20 warm-up runs%n", PROPOSALS, found,
				PROPOSALS - found);
		System.out.printf("Time per proposal: p50 %.2f ms, p95 %.2f ms, max %.2f ms%n%n", millis(nanos, 0.50),
				millis(nanos, 0.95), nanos[PROPOSALS - 1] / 1e6);
	}

	private static double millis(long[] sorted, double quantile) {
		return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e6;
	}

}
