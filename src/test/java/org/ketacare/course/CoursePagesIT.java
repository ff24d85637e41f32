package org.ketacare.course;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.clinic.Clinic;
import org.ketacare.clinic.Clinics;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The pages of the schedule: plan and book a course, the day and week views, the course
 * timeline with its actions, boosters, reminders and the outbox, protocols, rooms and
 * working hours.
 */
@KetaCareIntegrationTest
class CoursePagesIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Courses courses;

	@Autowired
	Boosters boosters;

	@Autowired
	Reminders reminders;

	@Autowired
	Clinics clinics;

	@Autowired
	Clock clock;

	@Test
	void aCoordinatorProposesAdjustsAndBooksACourseAndSeesItOnTheDayAndWeek() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Planned");
		StaffPrincipal intake = this.staff.demo("intake.main");
		LocalDate start = CourseApiIT.someMonday();
		MvcResult proposed = this.mvc
			.perform(get("/courses/plan").param("patient", patient.toString())
				.param("protocol", "iv-ketamine-standard")
				.param("startDate", start.toString())
				.param("available-MONDAY", "on")
				.param("available-WEDNESDAY", "on")
				.param("available-FRIDAY", "on")
				.param("availableFrom", "09:00")
				.param("availableTo", "13:00")
				.with(TestStaff.as(intake)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Book the course")))
			.andReturn();
		@SuppressWarnings("unchecked")
		List<Map<String, String>> rows = (List<Map<String, String>>) proposed.getModelAndView().getModel().get("rows");
		assertThat(rows).hasSize(7);
		var book = post("/courses").param("patient", patient.toString())
			.param("protocol", "iv-ketamine-standard")
			.param("startDate", start.toString());
		for (int index = 0; index < rows.size(); index++) {
			String startText = rows.get(index).get("start");
			if (index == 0) {
				// The coordinator moves the first infusion an hour later.
				startText = java.time.LocalDateTime.parse(startText).plusHours(1).toString();
			}
			book = book.param("visits[" + index + "].start", startText)
				.param("visits[" + index + "].roomId", rows.get(index).get("roomId"));
		}
		String location = this.mvc.perform(book.with(TestStaff.as(intake)).with(csrf()))
			.andExpect(redirectedUrlPattern("/courses/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		String first = rows.get(0).get("start");
		assertThat(java.time.LocalDateTime.parse(first).toLocalTime()).isBetween(java.time.LocalTime.of(9, 0),
				java.time.LocalTime.of(11, 20));
		LocalDate day = java.time.LocalDateTime.parse(first).toLocalDate();

		this.mvc.perform(get(location).with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Alex Planned")))
			.andExpect(content().string(containsString("Follow-up visit")));
		this.mvc.perform(get("/schedule").param("date", day.toString()).with(TestStaff.as(intake)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Alex Planned")))
			// A visit spans as many rows as its length needs (the slot length is a clinic
			// setting).
			.andExpect(content().string(org.hamcrest.Matchers.matchesPattern("(?s).*rowspan=\"[2-9]\".*")));
		this.mvc.perform(get("/schedule/week").param("date", day.toString()).with(TestStaff.as(intake)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Alex Planned")));
	}

	@Test
	void aProposalThatCannotFitNamesTheBlockingRule() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Weekender");
		this.mvc
			.perform(get("/courses/plan").param("patient", patient.toString())
				.param("protocol", "iv-ketamine-standard")
				.param("startDate", CourseApiIT.someMonday().toString())
				.param("available-SATURDAY", "on")
				.with(TestStaff.as(this.staff.demo("intake.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("PATIENT_AVAILABILITY")));
	}

	@Test
	void aBadStartDateOnThePlanIsNamedNextToTheField() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Typo");
		this.mvc
			.perform(get("/courses/plan").param("patient", patient.toString())
				.param("protocol", "iv-ketamine-standard")
				.param("startDate", "someday")
				.with(TestStaff.as(this.staff.demo("intake.main"))))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("must be a date such as")));
	}

	@Test
	void attendanceMovesTheCourseIntoInductionAndABoosterIsSuggestedConfirmedAndBooked() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Booster");
		StaffPrincipal intake = this.staff.demo("intake.main");
		CourseView view = this.courses.start(intake, patient,
				new StartCourse("iv-ketamine-standard", CourseApiIT.someMonday(), null, List.of()));
		// The first visit has taken place: as if it had been booked on a past day, a
		// random
		// one so that it meets no other test's visit in the same chair.
		UUID first = view.appointments().get(0).id();
		int daysAgo = java.util.concurrent.ThreadLocalRandom.current().nextInt(2, 700);
		this.jdbc.sql("""
				UPDATE appointments SET starts_at = now() - make_interval(days => ?, hours => 2),
				                        ends_at = now() - make_interval(days => ?, mins => 20)
				 WHERE id = ?
				""").params(daysAgo, daysAgo, first).update();
		this.mvc
			.perform(post("/appointments/{id}/attended", first).param("course", view.course().id().toString())
				.with(TestStaff.as(this.staff.demo("nurse.main")))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/courses/*"));
		assertThat(this.courses.view(intake, view.course().id()).course().status()).isEqualTo(CourseStatus.INDUCTION);

		BoosterRequest suggested = this.boosters
			.suggest(intake.clinicId(), patient, "PHQ-9 rose from 6 to 15", "outcomes: relapse rule")
			.orElseThrow();
		assertThat(this.boosters.suggest(intake.clinicId(), patient, "again", "outcomes: relapse rule"))
			.hasValueSatisfying((again) -> assertThat(again.id()).isEqualTo(suggested.id()));
		this.mvc
			.perform(post("/courses/{c}/boosters/{b}/decide", view.course().id(), suggested.id())
				.param("decision", "confirm")
				.param("password", "wrong password")
				.with(TestStaff.as(this.staff.demo("physician.main")))
				.with(csrf()))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/courses/{c}/boosters/{b}/decide", view.course().id(), suggested.id())
				.param("decision", "confirm")
				.param("password", TestStaff.DEMO_PASSWORD)
				.with(TestStaff.as(this.staff.demo("physician.main")))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/courses/*"));
		this.mvc
			.perform(post("/courses/{c}/boosters/{b}/book", view.course().id(), suggested.id())
				.param("from", LocalDate.now(this.clock.withZone(intake.clinicZone())).plusDays(40).toString())
				.with(TestStaff.as(intake))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/courses/*"));
		CourseView after = this.courses.view(intake, view.course().id());
		assertThat(after.boosters()).singleElement()
			.satisfies((booster) -> assertThat(booster.status()).isEqualTo(BoosterRequest.Status.BOOKED));
		assertThat(after.appointments())
			.anySatisfy((appointment) -> assertThat(appointment.phase()).isEqualTo("booster"));
	}

	@Test
	void theDayBeforeAVisitOneReminderWithTheDriveHomeAdviceLandsInTheOutbox() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Reminded");
		StaffPrincipal intake = this.staff.demo("intake.main");
		CourseView view = this.courses.start(intake, patient,
				new StartCourse("iv-ketamine-standard", CourseApiIT.someMonday(), null, List.of()));
		UUID first = view.appointments().get(0).id();
		ZonedDateTime tomorrowNoon = ZonedDateTime.now(this.clock.withZone(intake.clinicZone()))
			.plusDays(1)
			.withHour(12)
			.withMinute(0);
		this.jdbc.sql("UPDATE appointments SET starts_at = ?, ends_at = ? WHERE id = ?")
			.params(tomorrowNoon.toOffsetDateTime(), tomorrowNoon.plusMinutes(100).toOffsetDateTime(), first)
			.update();
		Clinic main = this.clinics.findBySlug("main").orElseThrow();
		this.reminders.sendDueReminders(main);
		this.reminders.sendDueReminders(main);
		List<String> bodies = this.jdbc.sql("SELECT body FROM reminder_outbox WHERE appointment_id = ?")
			.param(first)
			.query(String.class)
			.list();
		assertThat(bodies).singleElement().asString().contains("arrange someone to drive you home");
		this.mvc.perform(get("/schedule/outbox").with(TestStaff.as(intake)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("drive you home")));
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'REMINDER_SENT' AND patient_id = ?")
			.param(patient)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anAdministratorAddsAProtocolThatCoordinatorsCanChoose() throws Exception {
		String code = "twice-weekly-" + UUID.randomUUID().toString().substring(0, 6);
		this.mvc
			.perform(post("/admin/protocols").param("code", code)
				.param("name", "Twice weekly")
				.param("infusionMinutes", "40")
				.param("observationMinutes", "60")
				.param("followUpDays", "28")
				.param("phases[0].name", "induction")
				.param("phases[0].sessions", "6")
				.param("phases[0].windowDays", "21")
				.param("phases[0].minimumIntervalHours", "48")
				.param("phases[0].preferredPerWeek", "2")
				.with(TestStaff.as(this.staff.demo("admin.main")))
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/protocols"));
		this.mvc.perform(get("/admin/protocols").with(TestStaff.as(this.staff.demo("admin.main"))))
			.andExpect(content().string(containsString(code)));
		this.mvc
			.perform(post("/admin/protocols").param("code", "Bad Code")
				.param("phases[0].sessions", "0")
				.with(TestStaff.as(this.staff.demo("admin.main")))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("must be 2–40 lowercase letters")));
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Custom");
		CourseView view = this.courses.start(this.staff.demo("intake.main"), patient,
				new StartCourse(code, CourseApiIT.someMonday(), null, List.of()));
		assertThat(view.appointments()).hasSize(7);
		assertThat(this.courses.view(this.staff.demo("intake.main"), view.course().id()).course().protocol().code())
			.isEqualTo(code);
		this.mvc.perform(get("/admin/protocols").with(TestStaff.as(this.staff.demo("admin.north"))))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString(code))));
	}

	@Test
	void anAdministratorKeepsRoomsAndWorkingHours() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.north");
		String name = "Quiet room " + UUID.randomUUID().toString().substring(0, 4);
		this.mvc
			.perform(post("/admin/rooms").param("name", name)
				.param("from-MONDAY", "09:00")
				.param("to-MONDAY", "17:00")
				.with(TestStaff.as(admin))
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/rooms"));
		this.mvc.perform(get("/admin/rooms").with(TestStaff.as(admin)))
			.andExpect(content().string(containsString(name)));
		this.mvc
			.perform(post("/admin/rooms").param("name", "Backwards")
				.param("from-TUESDAY", "17:00")
				.param("to-TUESDAY", "09:00")
				.with(TestStaff.as(admin))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("must be after the start time")));
		StaffPrincipal nurse = this.staff.create("north", org.ketacare.platform.Role.NURSE);
		this.mvc
			.perform(post("/admin/working-hours/{id}", nurse.staffId()).param("from-FRIDAY", "07:00")
				.param("to-FRIDAY", "15:30")
				.with(TestStaff.as(admin))
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/working-hours"));
		this.mvc.perform(get("/admin/working-hours").with(TestStaff.as(admin)))
			.andExpect(content().string(containsString("07:00–15:30")));
		this.mvc
			.perform(
					get("/admin/working-hours/{id}", nurse.staffId()).with(TestStaff.as(this.staff.demo("admin.main"))))
			.andExpect(status().isNotFound());
	}

}
