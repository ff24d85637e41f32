package org.ketacare.course;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.ketacare.clinic.Room;
import org.ketacare.clinic.StaffHours;
import org.ketacare.platform.Role;

/**
 * Whether one visit fits the clinic at a given time: a room open and free for the whole
 * visit, a physician on site, a nurse with a free place for an infusion, and the patient
 * available. Pure: the calendar is handed in, and visits placed while planning are added
 * with {@link #add}.
 */
final class ScheduleRules {

	private final ZoneId zone;

	private final List<Room> rooms;

	private final List<StaffHours> staff;

	private final int nursePatientsMax;

	private final Map<LocalDate, List<Booking>> bookingsByDay = new HashMap<>();

	ScheduleRules(ZoneId zone, List<Room> rooms, List<StaffHours> staff, List<Booking> bookings, int nursePatientsMax) {
		this.zone = zone;
		this.rooms = rooms.stream().filter(Room::active).toList();
		this.staff = staff;
		this.nursePatientsMax = nursePatientsMax;
		bookings.forEach(this::add);
	}

	void add(Booking booking) {
		LocalDate first = booking.start().atZone(this.zone).toLocalDate();
		LocalDate last = booking.end().atZone(this.zone).toLocalDate();
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			this.bookingsByDay.computeIfAbsent(day, (key) -> new ArrayList<>()).add(booking);
		}
	}

	List<Room> rooms() {
		return this.rooms;
	}

	/**
	 * The first broken rule among {@code considered} for a visit from {@code start} to
	 * {@code end}, in {@code roomId} or, when {@code null}, in any room; or the room it
	 * fits in.
	 */
	Verdict check(ZonedDateTime start, ZonedDateTime end, boolean infusion, UUID roomId, UUID patientId,
			PatientAvailability availability, Set<BlockingConstraint> considered) {
		LocalDate day = start.toLocalDate();
		DayOfWeek weekday = day.getDayOfWeek();
		LocalTime from = start.toLocalTime();
		LocalDateTime endLocal = end.toLocalDateTime();
		// A visit past midnight fits no opening hours: LocalTime.MAX is after every
		// period's end but one that runs to the end of the day.
		LocalTime to = endLocal.toLocalDate().equals(day) ? endLocal.toLocalTime() : LocalTime.MAX;
		Instant startInstant = start.toInstant();
		Instant endInstant = end.toInstant();
		List<Booking> nearby = bookingsAround(start, end);

		List<Room> candidates = this.rooms.stream()
			.filter((room) -> roomId == null || room.id().equals(roomId))
			.toList();
		if (considered.contains(BlockingConstraint.CLINIC_CLOSED)) {
			candidates = candidates.stream()
				.filter((room) -> room.openingHours().stream().anyMatch((hours) -> hours.covers(weekday, from, to)))
				.toList();
			if (candidates.isEmpty()) {
				return Verdict.blockedBy(BlockingConstraint.CLINIC_CLOSED);
			}
		}
		if (considered.contains(BlockingConstraint.PATIENT_AVAILABILITY)) {
			boolean busy = nearby.stream()
				.anyMatch((booking) -> booking.patientId().equals(patientId)
						&& booking.overlaps(startInstant, endInstant));
			if (busy || !availability.covers(weekday, from, to)) {
				return Verdict.blockedBy(BlockingConstraint.PATIENT_AVAILABILITY);
			}
		}
		if (considered.contains(BlockingConstraint.PHYSICIAN_ABSENT)
				&& onDuty(Role.PHYSICIAN, weekday, from, to) == 0) {
			return Verdict.blockedBy(BlockingConstraint.PHYSICIAN_ABSENT);
		}
		UUID room = null;
		if (considered.contains(BlockingConstraint.ROOM_CAPACITY)) {
			room = candidates.stream()
				.filter((candidate) -> nearby.stream()
					.noneMatch((booking) -> booking.roomId().equals(candidate.id())
							&& booking.overlaps(startInstant, endInstant)))
				.map(Room::id)
				.findFirst()
				.orElse(null);
			if (room == null) {
				return Verdict.blockedBy(BlockingConstraint.ROOM_CAPACITY);
			}
		}
		if (infusion && considered.contains(BlockingConstraint.NURSE_CAPACITY)) {
			int places = onDuty(Role.NURSE, weekday, from, to) * this.nursePatientsMax;
			if (mostWatchedAtOnce(nearby, startInstant, endInstant) + 1 > places) {
				return Verdict.blockedBy(BlockingConstraint.NURSE_CAPACITY);
			}
		}
		return Verdict.fitsIn(room);
	}

	private List<Booking> bookingsAround(ZonedDateTime start, ZonedDateTime end) {
		Set<Booking> found = new LinkedHashSet<>();
		for (LocalDate day = start.toLocalDate(); !day.isAfter(end.toLocalDate()); day = day.plusDays(1)) {
			found.addAll(this.bookingsByDay.getOrDefault(day, List.of()));
		}
		return List.copyOf(found);
	}

	private int onDuty(Role role, DayOfWeek weekday, LocalTime from, LocalTime to) {
		return (int) this.staff.stream()
			.filter((member) -> member.hasRole(role)
					&& member.hours().stream().anyMatch((hours) -> hours.covers(weekday, from, to)))
			.count();
	}

	/**
	 * The most infusions under way at any one moment between {@code from} and {@code to}:
	 * the count only rises where one starts, so those moments (and {@code from}) are
	 * enough to look at.
	 */
	static int mostWatchedAtOnce(List<Booking> bookings, Instant from, Instant to) {
		List<Booking> watched = bookings.stream()
			.filter((booking) -> booking.infusion() && booking.overlaps(from, to))
			.toList();
		int most = 0;
		for (Booking rising : watched) {
			Instant moment = rising.start().isAfter(from) ? rising.start() : from;
			int atOnce = (int) watched.stream()
				.filter((booking) -> !booking.start().isAfter(moment) && booking.end().isAfter(moment))
				.count();
			most = Math.max(most, atOnce);
		}
		return most;
	}

	/**
	 * The outcome of a check: the room the visit fits in (when rooms were considered), or
	 * the rule it breaks.
	 */
	record Verdict(BlockingConstraint blocker, UUID roomId) {

		static Verdict blockedBy(BlockingConstraint constraint) {
			return new Verdict(constraint, null);
		}

		static Verdict fitsIn(UUID roomId) {
			return new Verdict(null, roomId);
		}

		boolean fits() {
			return this.blocker == null;
		}

	}

}
