package org.ketacare.course;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.clinic.Room;
import org.ketacare.clinic.StaffHours;
import org.ketacare.clinic.WeeklyHours;
import org.ketacare.platform.Role;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Properties of the course proposer over generated clinics: whatever it proposes never
 * double-books a room, never exceeds the nurses' capacity and never breaks the minimum
 * interval; it finds a course inside the window whenever one is known to exist; and when
 * none exists it names the rule that blocks it.
 */
class CourseProposerPropertiesTests {

	private static final List<ZoneId> ZONES = List.of(ZoneId.of("America/New_York"), ZoneId.of("America/Denver"),
			ZoneId.of("Europe/Berlin"), ZoneId.of("UTC"));

	private static final LocalDate FIRST_START = LocalDate.of(2026, 1, 1);

	private static final List<UUID> OTHER_PATIENTS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

	private static final UUID PATIENT = UUID.randomUUID();

	private static final Gen<ZoneId> ZONE = Generate.pick(ZONES);

	private static final Gen<LocalDate> START = integers().between(0, 400).map((days) -> FIRST_START.plusDays(days));

	private static final Gen<Integer> SLOT = Generate.pick(List.of(5, 10, 15, 20, 30, 45, 60));

	private static final Gen<Set<DayOfWeek>> DAYS = (in) -> {
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			if (integers().between(0, 9).generate(in) < 7) {
				days.add(day);
			}
		}
		return days;
	};

	private static final Gen<List<WeeklyHours>> HOURS = (in) -> {
		LocalTime from = LocalTime.of(integers().between(6, 10).generate(in), 0);
		LocalTime to = LocalTime.of(integers().between(14, 20).generate(in), 30);
		return Calendars.hours(DAYS.generate(in), from.toString(), to.toString());
	};

	private static final Gen<Protocol> PROTOCOL = (in) -> {
		int phases = integers().between(1, 2).generate(in);
		List<Protocol.Phase> list = new ArrayList<>();
		for (int index = 0; index < phases; index++) {
			list.add(new Protocol.Phase((index == 0) ? "induction" : "maintenance",
					integers().between(1, 7).generate(in), integers().between(3, 30).generate(in),
					integers().between(12, 72).generate(in), integers().between(1, 4).generate(in)));
		}
		return new Protocol("generated", "Generated", list, Protocol.Maintenance.asNeeded(),
				integers().between(20, 60).generate(in), integers().between(0, 90).generate(in),
				integers().between(0, 35).generate(in));
	};

	private static final Gen<PlanningRequest> ANY_CLINIC = (in) -> {
		ZoneId zone = ZONE.generate(in);
		LocalDate start = START.generate(in);
		List<Room> rooms = new ArrayList<>();
		int roomCount = integers().between(1, 4).generate(in);
		for (int number = 1; number <= roomCount; number++) {
			rooms.add(new Room(UUID.randomUUID(), Calendars.CLINIC, "Chair " + number,
					integers().between(0, 9).generate(in) > 0, HOURS.generate(in), 0));
		}
		List<StaffHours> staff = new ArrayList<>();
		for (int n = integers().between(0, 3).generate(in); n > 0; n--) {
			staff.add(new StaffHours(UUID.randomUUID(), "Nurse", Set.of(Role.NURSE), HOURS.generate(in)));
		}
		for (int n = integers().between(0, 2).generate(in); n > 0; n--) {
			staff.add(new StaffHours(UUID.randomUUID(), "Physician", Set.of(Role.PHYSICIAN), HOURS.generate(in)));
		}
		List<Booking> bookings = new ArrayList<>();
		for (int n = integers().between(0, 80).generate(in); n > 0; n--) {
			Room room = rooms.get(integers().between(0, rooms.size() - 1).generate(in));
			ZonedDateTime at = start.plusDays(integers().between(-2, 90).generate(in))
				.atTime(integers().between(6, 19).generate(in), 15 * integers().between(0, 3).generate(in))
				.atZone(zone);
			UUID patient = (integers().between(0, 19).generate(in) == 0) ? PATIENT
					: OTHER_PATIENTS.get(integers().between(0, OTHER_PATIENTS.size() - 1).generate(in));
			bookings.add(new Booking(room.id(), at.toInstant(),
					at.plusMinutes(integers().between(30, 150).generate(in)).toInstant(),
					integers().between(0, 3).generate(in) > 0, patient));
		}
		PatientAvailability availability = (integers().between(0, 1).generate(in) == 0) ? PatientAvailability.anyTime()
				: new PatientAvailability(HOURS.generate(in));
		return new PlanningRequest(PATIENT, PROTOCOL.generate(in), start, zone, rooms, staff, bookings,
				integers().between(1, 3).generate(in), SLOT.generate(in), integers().between(15, 60).generate(in),
				integers().between(0, 10).generate(in), availability);
	};

	@Test
	void whateverItProposesNeverDoubleBooksARoomNorExceedsTheNursesNorBreaksTheInterval() {
		qt().withExamples(400).forAll(ANY_CLINIC).checkAssert((request) -> {
			Proposal proposal = CourseProposer.propose(request);
			if (proposal instanceof Proposal.Found found) {
				assertFitsTheClinic(request, found.visits());
			}
			else {
				Proposal.Blocked blocked = (Proposal.Blocked) proposal;
				org.assertj.core.api.Assertions.assertThat(blocked.constraint()).isNotNull();
				org.assertj.core.api.Assertions.assertThat(blocked.explanation()).isNotBlank();
			}
		});
	}

	/**
	 * Clinics in which a course is known to exist: a witness course at 10:00 in the first
	 * room, kept free of other bookings, with a nurse and a physician working every day.
	 */
	private static final Gen<PlanningRequest> CLINIC_WITH_A_KNOWN_COURSE = (in) -> {
		PlanningRequest any = ANY_CLINIC.generate(in);
		int sessions = integers().between(1, 7).generate(in);
		int intervalHours = integers().between(12, 72).generate(in);
		int visitMinutes = integers().between(40, 180).generate(in);
		// A whole number of days that is more than the interval even on a 23-hour day.
		int leastGapDays = (intervalHours + 1 + 23) / 24;
		List<Integer> witnessDays = new ArrayList<>();
		int day = integers().between(0, 3).generate(in);
		for (int index = 0; index < sessions; index++) {
			witnessDays.add(day);
			day += leastGapDays + integers().between(0, 2).generate(in);
		}
		int windowDays = witnessDays.get(sessions - 1) + 1 + integers().between(0, 3).generate(in);
		Protocol protocol = new Protocol("known", "Known to fit",
				List.of(new Protocol.Phase("induction", sessions, windowDays, intervalHours,
						integers().between(1, 4).generate(in))),
				Protocol.Maintenance.asNeeded(), visitMinutes - 30, 30, 0);
		List<Room> rooms = new ArrayList<>(any.rooms());
		Room first = new Room(UUID.randomUUID(), Calendars.CLINIC, "Chair 0", true,
				Calendars.hours(Calendars.EVERY_DAY, "08:00", "18:00"), 0);
		rooms.add(0, first);
		List<StaffHours> staff = new ArrayList<>(any.staff());
		staff.addAll(Calendars.nurseAndPhysician(Calendars.EVERY_DAY, "07:00", "19:00"));
		List<Booking> bookings = new ArrayList<>(any.bookings());
		for (int witness : witnessDays) {
			ZonedDateTime start = any.startDate().plusDays(witness).atTime(10, 0).atZone(any.zone());
			Instant from = start.toInstant();
			Instant to = start.plusMinutes(visitMinutes).toInstant();
			// Keep the witness slot free, and the patient's own other infusions far away.
			bookings.removeIf((booking) -> booking.overlaps(from, to) || booking.patientId().equals(PATIENT));
		}
		List<WeeklyHours> availability = new ArrayList<>();
		if (integers().between(0, 1).generate(in) == 1) {
			for (DayOfWeek weekday : DayOfWeek.values()) {
				availability.add(new WeeklyHours(weekday, LocalTime.of(integers().between(6, 10).generate(in), 0),
						LocalTime.of(integers().between(14, 21).generate(in), 0)));
			}
		}
		return new PlanningRequest(PATIENT, protocol, any.startDate(), any.zone(), rooms, staff, bookings,
				any.nursePatientsMax(), 15, 30, 0,
				availability.isEmpty() ? PatientAvailability.anyTime() : new PatientAvailability(availability));
	};

	@Test
	void whenACourseExistsItProposesOneInsideTheWindow() {
		qt().withExamples(300).forAll(CLINIC_WITH_A_KNOWN_COURSE).checkAssert((request) -> {
			Proposal proposal = CourseProposer.propose(request);
			org.assertj.core.api.Assertions.assertThat(proposal).as("%s", request).isInstanceOf(Proposal.Found.class);
			assertFitsTheClinic(request, ((Proposal.Found) proposal).visits());
		});
	}

	private static final Gen<Integer> SESSIONS = integers().between(2, 6);

	@Test
	void aWindowTooShortForTheIntervalIsNamed() {
		qt().withExamples(150)
			.forAll(ZONE, START, SESSIONS, integers().between(24, 72))
			.checkAssert((zone, start, sessions, hours) -> {
				// The sessions need more hours than the window has, even with a 25-hour
				// day.
				int windowDays = Math.max(1, ((sessions - 1) * hours - 2) / 24);
				Protocol protocol = new Protocol("short", "Too short",
						List.of(new Protocol.Phase("induction", sessions, windowDays, hours, 3)),
						Protocol.Maintenance.asNeeded(), 40, 60, 0);
				assertBlockedBy(BlockingConstraint.WINDOW_TOO_SHORT,
						openClinic(protocol, zone, start, List.of(), 2,
								Calendars.nurseAndPhysician(Calendars.EVERY_DAY, "07:00", "20:00"),
								PatientAvailability.anyTime()));
			});
	}

	@Test
	void roomsClosedForAWholeVisitAreNamed() {
		qt().withExamples(150).forAll(ZONE, START, SESSIONS).checkAssert((zone, start, sessions) -> {
			List<Room> shortHours = List
				.of(Calendars.room("Chair 1", Calendars.hours(Calendars.EVERY_DAY, "08:00", "09:00")));
			PlanningRequest request = new PlanningRequest(PATIENT, standard(sessions), start, zone, shortHours,
					Calendars.nurseAndPhysician(Calendars.EVERY_DAY, "07:00", "20:00"), List.of(), 2, 15, 30, 7,
					PatientAvailability.anyTime());
			assertBlockedBy(BlockingConstraint.CLINIC_CLOSED, request);
		});
	}

	@Test
	void aPatientAvailableOnlyWhenTheClinicIsClosedIsNamed() {
		qt().withExamples(150).forAll(ZONE, START, SESSIONS).checkAssert((zone, start, sessions) -> {
			PatientAvailability weekends = new PatientAvailability(
					Calendars.hours(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), "08:00", "18:00"));
			PlanningRequest request = new PlanningRequest(PATIENT, standard(sessions), start, zone,
					Calendars.rooms(2, Calendars.WEEKDAYS, "08:00", "18:00"),
					Calendars.nurseAndPhysician(Calendars.EVERY_DAY, "07:00", "20:00"), List.of(), 2, 15, 30, 7,
					weekends);
			assertBlockedBy(BlockingConstraint.PATIENT_AVAILABILITY, request);
		});
	}

	@Test
	void aClinicWithoutAPhysicianOnSiteIsNamed() {
		qt().withExamples(150)
			.forAll(ZONE, START, SESSIONS, integers().between(0, 1))
			.checkAssert((zone, start, sessions, early) -> {
				List<StaffHours> staff = new ArrayList<>();
				staff.add(Calendars.staff("Nurse", Role.NURSE, Calendars.hours(Calendars.EVERY_DAY, "07:00", "20:00")));
				if (early == 1) {
					// A physician who leaves before any visit could end.
					staff.add(Calendars.staff("Physician", Role.PHYSICIAN,
							Calendars.hours(Calendars.EVERY_DAY, "07:00", "09:00")));
				}
				assertBlockedBy(BlockingConstraint.PHYSICIAN_ABSENT, openClinic(standard(sessions), zone, start,
						List.of(), 2, staff, PatientAvailability.anyTime()));
			});
	}

	@Test
	void roomsBookedAllDayAreNamed() {
		qt().withExamples(150)
			.forAll(ZONE, START, SESSIONS, integers().between(1, 3))
			.checkAssert((zone, start, sessions, roomCount) -> {
				List<Room> rooms = Calendars.rooms(roomCount, Calendars.EVERY_DAY, "08:00", "18:00");
				List<Booking> fullDays = new ArrayList<>();
				for (Room room : rooms) {
					for (int day = -1; day < 40; day++) {
						ZonedDateTime open = start.plusDays(day).atTime(8, 0).atZone(zone);
						fullDays.add(new Booking(room.id(), open.toInstant(), open.plusHours(10).toInstant(), false,
								OTHER_PATIENTS.get(0)));
					}
				}
				PlanningRequest request = new PlanningRequest(PATIENT, standard(sessions), start, zone, rooms,
						Calendars.nurseAndPhysician(Calendars.EVERY_DAY, "07:00", "20:00"), fullDays, 2, 15, 30, 7,
						PatientAvailability.anyTime());
				assertBlockedBy(BlockingConstraint.ROOM_CAPACITY, request);
			});
	}

	@Test
	void nursesWatchingAsManyPatientsAsAllowedAreNamed() {
		qt().withExamples(150)
			.forAll(ZONE, START, SESSIONS, integers().between(1, 3))
			.checkAssert((zone, start, sessions, perNurse) -> {
				// One nurse; the other rooms hold as many infusions as she may watch, all
				// day.
				List<Room> rooms = Calendars.rooms(perNurse + 1, Calendars.EVERY_DAY, "08:00", "18:00");
				List<Booking> watched = new ArrayList<>();
				for (Room room : rooms.subList(1, rooms.size())) {
					for (int day = -1; day < 40; day++) {
						ZonedDateTime open = start.plusDays(day).atTime(7, 0).atZone(zone);
						watched.add(new Booking(room.id(), open.toInstant(), open.plusHours(12).toInstant(), true,
								OTHER_PATIENTS.get(1)));
					}
				}
				PlanningRequest request = new PlanningRequest(PATIENT, standard(sessions), start, zone, rooms,
						Calendars.nurseAndPhysician(Calendars.EVERY_DAY, "07:00", "20:00"), watched, perNurse, 15, 30,
						7, PatientAvailability.anyTime());
				assertBlockedBy(BlockingConstraint.NURSE_CAPACITY, request);
			});
	}

	private static Protocol standard(int sessions) {
		return new Protocol("standard", "Standard", List.of(new Protocol.Phase("induction", sessions, 21, 24, 3)),
				Protocol.Maintenance.asNeeded(), 40, 60, 28);
	}

	private static PlanningRequest openClinic(Protocol protocol, ZoneId zone, LocalDate start, List<Booking> bookings,
			int perNurse, List<StaffHours> staff, PatientAvailability availability) {
		return new PlanningRequest(PATIENT, protocol, start, zone,
				Calendars.rooms(2, Calendars.EVERY_DAY, "08:00", "18:00"), staff, bookings, perNurse, 15, 30, 7,
				availability);
	}

	private static void assertBlockedBy(BlockingConstraint expected, PlanningRequest request) {
		Proposal proposal = CourseProposer.propose(request);
		org.assertj.core.api.Assertions.assertThat(proposal)
			.isInstanceOfSatisfying(Proposal.Blocked.class,
					(blocked) -> org.assertj.core.api.Assertions.assertThat(blocked.constraint())
						.as(blocked.explanation())
						.isEqualTo(expected));
	}

	/** Checks every rule against the proposal, independently of the proposer's code. */
	private static void assertFitsTheClinic(PlanningRequest request, List<ProposedVisit> visits) {
		Protocol protocol = request.protocol();
		List<ProposedVisit> infusions = visits.stream().filter((v) -> v.kind() == VisitKind.INFUSION).toList();
		require(infusions.size() == protocol.scheduledSessions(), "every session proposed", visits);
		require(visits.size() - infusions.size() == ((protocol.followUpDays() > 0) ? 1 : 0), "follow-up proposed",
				visits);
		List<Booking> calendar = new ArrayList<>(request.bookings());
		for (ProposedVisit visit : visits) {
			Instant from = visit.start().toInstant();
			Instant to = visit.end().toInstant();
			Room room = request.rooms()
				.stream()
				.filter((candidate) -> candidate.id().equals(visit.roomId()))
				.findFirst()
				.orElseThrow();
			require(room.active(), "room in use", visit);
			require(covered(room.openingHours(), visit), "room open for the whole visit", visit);
			require(calendar.stream().noneMatch((b) -> b.roomId().equals(room.id()) && b.overlaps(from, to)),
					"room not double-booked", visit);
			require(onDuty(request, Role.PHYSICIAN, visit) > 0, "physician on site", visit);
			require(covered(request.availability().periods(), visit), "patient available", visit);
			if (visit.kind() == VisitKind.INFUSION) {
				long places = onDuty(request, Role.NURSE, visit) * request.nursePatientsMax();
				for (Instant moment = from; moment.isBefore(to); moment = moment.plusSeconds(60)) {
					Instant now = moment;
					long watched = calendar.stream()
						.filter((b) -> b.infusion() && !b.start().isAfter(now) && b.end().isAfter(now))
						.count();
					require(watched + 1 <= places, "nurse capacity at " + now, visit);
				}
			}
			calendar.add(new Booking(room.id(), from, to, visit.kind() == VisitKind.INFUSION, PATIENT));
		}
		LocalDate phaseStart = request.startDate();
		int index = 0;
		ProposedVisit previous = null;
		for (Protocol.Phase phase : protocol.phases()) {
			LocalDate windowEnd = phaseStart.plusDays(phase.windowDays());
			for (int number = 1; number <= phase.sessions(); number++, index++) {
				ProposedVisit visit = infusions.get(index);
				LocalDate day = visit.start().toLocalDate();
				require(!day.isBefore(phaseStart) && day.isBefore(windowEnd), "inside the phase window", visit);
				if (previous != null) {
					require(!Duration.between(previous.start(), visit.start())
						.minusHours(phase.minimumIntervalHours())
						.isNegative(), "minimum interval", visit);
					require(day.isAfter(previous.start().toLocalDate()), "one session a day", visit);
				}
				previous = visit;
			}
			phaseStart = windowEnd;
		}
		for (Booking own : request.bookings()) {
			if (own.infusion() && own.patientId().equals(PATIENT)) {
				for (ProposedVisit visit : infusions) {
					require(!visit.start().toLocalDate().equals(own.start().atZone(request.zone()).toLocalDate()),
							"one infusion a day with the patient's other bookings", visit);
				}
			}
		}
	}

	private static boolean covered(List<WeeklyHours> hours, ProposedVisit visit) {
		LocalDateTime end = visit.end().toLocalDateTime();
		return end.toLocalDate().equals(visit.start().toLocalDate()) && hours.stream()
			.anyMatch((h) -> h.covers(visit.start().getDayOfWeek(), visit.start().toLocalTime(), end.toLocalTime()));
	}

	private static long onDuty(PlanningRequest request, Role role, ProposedVisit visit) {
		return request.staff()
			.stream()
			.filter((member) -> member.hasRole(role) && covered(member.hours(), visit))
			.count();
	}

	private static void require(boolean rule, String what, Object context) {
		if (!rule) {
			throw new AssertionError("broken: " + what + " — " + context);
		}
	}

}
