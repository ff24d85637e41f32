package org.ketacare.course;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketacare.clinic.Room;
import org.ketacare.clinic.StaffHours;
import org.ketacare.platform.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketacare.course.Calendars.EVERY_DAY;
import static org.ketacare.course.Calendars.WEEKDAYS;
import static org.ketacare.course.Calendars.hours;
import static org.ketacare.course.Calendars.nurseAndPhysician;
import static org.ketacare.course.Calendars.rooms;
import static org.ketacare.course.Calendars.standardProtocol;

class CourseProposerTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final UUID PATIENT = UUID.randomUUID();

	@Test
	void aStandardCourseInAnEmptyClinicHasSixInfusionsInsideTwentyOneDaysAndAFollowUpFourWeeksAfterTheLast() {
		LocalDate monday = LocalDate.of(2026, 3, 2);
		List<ProposedVisit> visits = found(request(standardProtocol(), monday, NEW_YORK,
				rooms(2, WEEKDAYS, "08:00", "18:00"), nurseAndPhysician(WEEKDAYS, "08:00", "18:00"), List.of()));

		List<ProposedVisit> infusions = visits.stream().filter((v) -> v.kind() == VisitKind.INFUSION).toList();
		assertThat(infusions).hasSize(6).allSatisfy((visit) -> {
			assertThat(visit.start().toLocalDate()).isBetween(monday, monday.plusDays(20));
			assertThat(visit.start().toLocalTime()).isEqualTo(LocalTime.of(8, 0));
			assertThat(Duration.between(visit.start(), visit.end())).isEqualTo(Duration.ofMinutes(100));
			assertThat(visit.phase()).isEqualTo("induction");
		});
		assertThat(infusions).extracting(ProposedVisit::number).containsExactly(1, 2, 3, 4, 5, 6);
		// Three a week as preferred, shifted past the weekends.
		assertThat(infusions).extracting((visit) -> visit.start().toLocalDate())
			.containsExactly(monday, monday.plusDays(2), monday.plusDays(7), monday.plusDays(8), monday.plusDays(9),
					monday.plusDays(14));
		ProposedVisit followUp = visits.get(visits.size() - 1);
		assertThat(followUp.kind()).isEqualTo(VisitKind.FOLLOW_UP);
		assertThat(followUp.start().toLocalDate()).isEqualTo(monday.plusDays(14 + 28));
		assertThat(Duration.between(followUp.start(), followUp.end())).isEqualTo(Duration.ofMinutes(30));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "America/New_York, -04:00, -05:00", "America/Denver, -06:00, -07:00" })
	void aCourseAcrossTheAutumnClockChangeKeepsTheClinicsLocalTimes(String zoneId, String summer, String winter) {
		ZoneId zone = ZoneId.of(zoneId);
		LocalDate monday = LocalDate.of(2026, 10, 26);
		List<ProposedVisit> visits = found(request(standardProtocol(), monday, zone,
				rooms(1, WEEKDAYS, "08:00", "18:00"), nurseAndPhysician(WEEKDAYS, "08:00", "18:00"), List.of()));

		LocalDate change = LocalDate.of(2026, 11, 1);
		assertThat(visits).anySatisfy((visit) -> assertThat(visit.start().toLocalDate()).isBefore(change))
			.anySatisfy((visit) -> assertThat(visit.start().toLocalDate()).isAfter(change))
			.allSatisfy((visit) -> {
				assertThat(visit.start().toLocalTime()).isEqualTo(LocalTime.of(8, 0));
				assertThat(visit.start().getOffset())
					.isEqualTo(ZoneOffset.of(visit.start().toLocalDate().isBefore(change) ? summer : winter));
				assertThat(visit.end().toLocalTime())
					.isEqualTo(LocalTime.of(8, 0).plusMinutes(visit.kind() == VisitKind.INFUSION ? 100 : 30));
			});
		ProposedVisit lastBefore = visits.stream()
			.filter((visit) -> visit.start().toLocalDate().isBefore(change))
			.reduce((a, b) -> b)
			.orElseThrow();
		ProposedVisit firstAfter = visits.stream()
			.filter((visit) -> visit.start().toLocalDate().isAfter(change))
			.findFirst()
			.orElseThrow();
		// Friday 08:00 to Monday 08:00 across the change is 73 hours, not 72.
		assertThat(Duration.between(lastBefore.start(), firstAfter.start())).isEqualTo(Duration.ofHours(
				24L * ChronoUnit.DAYS.between(lastBefore.start().toLocalDate(), firstAfter.start().toLocalDate()) + 1));
	}

	@Test
	void onTheDayTheClocksGoBackADailyInfusionKeepsEightOClockBecauseTwentyFiveHoursHavePassed() {
		Protocol daily = new Protocol("daily-test", "Daily", List.of(new Protocol.Phase("induction", 3, 3, 24, 7)),
				Protocol.Maintenance.asNeeded(), 40, 60, 0);
		List<ProposedVisit> visits = found(request(daily, LocalDate.of(2026, 10, 31), NEW_YORK,
				rooms(1, EVERY_DAY, "08:00", "18:00"), nurseAndPhysician(EVERY_DAY, "08:00", "18:00"), List.of()));

		assertThat(visits).extracting(ProposedVisit::start)
			.containsExactly(ZonedDateTime.of(2026, 10, 31, 8, 0, 0, 0, NEW_YORK),
					ZonedDateTime.of(2026, 11, 1, 8, 0, 0, 0, NEW_YORK),
					ZonedDateTime.of(2026, 11, 2, 8, 0, 0, 0, NEW_YORK));
		assertThat(Duration.between(visits.get(0).start(), visits.get(1).start())).isEqualTo(Duration.ofHours(25));
	}

	@Test
	void onTheDayTheClocksGoForwardTheNextInfusionWaitsUntilTwentyFourRealHoursHavePassed() {
		Protocol daily = new Protocol("daily-test", "Daily", List.of(new Protocol.Phase("induction", 2, 2, 24, 7)),
				Protocol.Maintenance.asNeeded(), 40, 60, 0);
		List<ProposedVisit> visits = found(request(daily, LocalDate.of(2027, 3, 13), NEW_YORK,
				rooms(1, EVERY_DAY, "08:00", "18:00"), nurseAndPhysician(EVERY_DAY, "08:00", "18:00"), List.of()));

		assertThat(visits.get(0).start()).isEqualTo(ZonedDateTime.of(2027, 3, 13, 8, 0, 0, 0, NEW_YORK));
		assertThat(visits.get(1).start()).isEqualTo(ZonedDateTime.of(2027, 3, 14, 9, 0, 0, 0, NEW_YORK));
		assertThat(Duration.between(visits.get(0).start(), visits.get(1).start())).isEqualTo(Duration.ofHours(24));
	}

	@Test
	void theModelDescribesEsketaminesPhasedScheduleTwiceWeeklyThenWeeklyWithATwoHourStay() {
		Protocol esketamine = new Protocol("esketamine-nasal", "Esketamine nasal spray (Spravato)", List
			.of(new Protocol.Phase("induction", 8, 28, 48, 2), new Protocol.Phase("maintenance", 4, 28, 144, 1)),
				new Protocol.Maintenance(7, 14), 15, 120, 0);
		LocalDate monday = LocalDate.of(2026, 3, 2);
		List<ProposedVisit> visits = found(request(esketamine, monday, NEW_YORK, rooms(1, WEEKDAYS, "08:00", "18:00"),
				nurseAndPhysician(WEEKDAYS, "08:00", "18:00"), List.of()));

		Map<Long, Long> perWeek = visits.stream()
			.collect(Collectors.groupingBy((visit) -> ChronoUnit.DAYS.between(monday, visit.start().toLocalDate()) / 7,
					Collectors.counting()));
		assertThat(perWeek)
			.containsExactlyInAnyOrderEntriesOf(Map.of(0L, 2L, 1L, 2L, 2L, 2L, 3L, 2L, 4L, 1L, 5L, 1L, 6L, 1L, 7L, 1L));
		assertThat(visits).allSatisfy((visit) -> assertThat(Duration.between(visit.start(), visit.end()))
			.isGreaterThanOrEqualTo(Duration.ofHours(2)));
		assertThat(visits).filteredOn((visit) -> visit.phase().equals("maintenance")).hasSize(4);
		assertThat(esketamine.maintenance().isAsNeeded()).isFalse();
		assertThat(esketamine.maintenance().minimumIntervalDays()).isEqualTo(7);
		assertThat(esketamine.maintenance().maximumIntervalDays()).isEqualTo(14);
		assertThat(esketamine.scheduledSessions()).isEqualTo(12);
		assertThat(esketamine.scheduledDays()).isEqualTo(56);
	}

	@Test
	void withoutAPhysicianOnSiteTheProposalNamesTheAbsentPhysician() {
		List<StaffHours> nursesOnly = List.of(Calendars.staff("Nurse", Role.NURSE, hours(WEEKDAYS, "08:00", "18:00")));
		Proposal proposal = CourseProposer.propose(request(standardProtocol(), LocalDate.of(2026, 3, 2), NEW_YORK,
				rooms(2, WEEKDAYS, "08:00", "18:00"), nursesOnly, List.of()));

		assertThat(proposal).isInstanceOfSatisfying(Proposal.Blocked.class, (blocked) -> {
			assertThat(blocked.constraint()).isEqualTo(BlockingConstraint.PHYSICIAN_ABSENT);
			assertThat(blocked.phase()).isEqualTo("induction");
			assertThat(blocked.number()).isEqualTo(1);
			assertThat(blocked.explanation()).contains("No physician").contains("session 1 of the induction phase");
		});
	}

	@Test
	void aFollowUpThatFindsNoPhysicianIsNamedAsTheBlockedVisit() {
		LocalDate monday = LocalDate.of(2026, 3, 2);
		List<StaffHours> physicianLeaves = List.of(
				Calendars.staff("Nurse", Role.NURSE, hours(WEEKDAYS, "08:00", "18:00")),
				Calendars.staff("Physician", Role.PHYSICIAN, hours(WEEKDAYS, "08:00", "18:00")));
		List<Booking> physicianAway = List.of();
		Protocol noFollowUpDays = standardProtocol();
		Proposal proposal = CourseProposer.propose(new PlanningRequest(PATIENT, noFollowUpDays, monday, NEW_YORK,
				rooms(1, WEEKDAYS, "08:00", "18:00"), physicianLeaves, physicianAway, 2, 15, 30, 0,
				new PatientAvailability(
						hours(java.util.EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY), "08:00",
								"12:00"))));

		// The follow-up target (a Monday + 28 days) is a patient day, so it fits.
		assertThat(proposal).isInstanceOf(Proposal.Found.class);
		Proposal weekendTarget = CourseProposer.propose(new PlanningRequest(PATIENT,
				new Protocol("weekend", "Follow-up on a Sunday", List.of(new Protocol.Phase("induction", 1, 1, 24, 1)),
						Protocol.Maintenance.asNeeded(), 40, 60, 6),
				monday, NEW_YORK, rooms(1, WEEKDAYS, "08:00", "18:00"), physicianLeaves, List.of(), 2, 15, 30, 0,
				PatientAvailability.anyTime()));
		assertThat(weekendTarget).isInstanceOfSatisfying(Proposal.Blocked.class, (blocked) -> {
			assertThat(blocked.constraint()).isEqualTo(BlockingConstraint.CLINIC_CLOSED);
			assertThat(blocked.phase()).isEqualTo("follow-up");
			assertThat(blocked.explanation()).contains("the follow-up visit");
		});
	}

	@Test
	void aBoosterKeepsTheMinimumIntervalFromThePatientsOtherInfusions() {
		LocalDate monday = LocalDate.of(2026, 3, 2);
		Room chair = rooms(1, WEEKDAYS, "08:00", "18:00").get(0);
		ZonedDateTime earlier = ZonedDateTime.of(2026, 3, 2, 10, 0, 0, 0, NEW_YORK);
		Booking own = new Booking(chair.id(), earlier.toInstant(), earlier.plusMinutes(100).toInstant(), true, PATIENT);
		Protocol booster = new Protocol("booster", "Booster", List.of(new Protocol.Phase("booster", 1, 14, 24, 1)),
				Protocol.Maintenance.asNeeded(), 40, 60, 0);
		List<ProposedVisit> visits = found(request(booster, monday, NEW_YORK, List.of(chair),
				nurseAndPhysician(WEEKDAYS, "08:00", "18:00"), List.of(own)));

		assertThat(visits.get(0).start()).isEqualTo(earlier.plusDays(1));
	}

	private static List<ProposedVisit> found(PlanningRequest request) {
		Proposal proposal = CourseProposer.propose(request);
		assertThat(proposal).isInstanceOf(Proposal.Found.class);
		return ((Proposal.Found) proposal).visits();
	}

	static PlanningRequest request(Protocol protocol, LocalDate start, ZoneId zone, List<Room> rooms,
			List<StaffHours> staff, List<Booking> bookings) {
		return new PlanningRequest(PATIENT, protocol, start, zone, rooms, staff, bookings, 2, 15, 30, 7,
				PatientAvailability.anyTime());
	}

}
