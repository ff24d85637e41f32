package org.ketacare.course;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The course API as the issue states it: start a course for an approved patient, refuse
 * with the reason otherwise, read the day, move and cancel; and the room is never
 * double-booked, even by two coordinators at the same moment.
 */
@KetaCareIntegrationTest
class CourseApiIT {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Courses courses;

	@Test
	void anApprovedPatientGetsSixInfusionsAndAFollowUpWithOffsetsAndRooms() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Course");
		LocalDate start = someMonday();
		String body = startCourse(patient, start).andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").isString())
			.andExpect(jsonPath("$.status").value("planned"))
			.andExpect(jsonPath("$.appointments", hasSize(7)))
			.andExpect(jsonPath("$.appointments[0].kind").value("infusion"))
			.andExpect(jsonPath("$.appointments[6].kind").value("follow_up"))
			.andExpect(jsonPath("$.appointments[0].room").value(containsString("Chair")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> starts = JsonPath.read(body, "$.appointments[*].start");
		List<String> ends = JsonPath.read(body, "$.appointments[*].end");
		assertThat(starts).allSatisfy((text) -> assertThat(text).matches(".*T\\d{2}:\\d{2}(:\\d{2})?-0[45]:00"));
		OffsetDateTime first = OffsetDateTime.parse(starts.get(0));
		OffsetDateTime sixth = OffsetDateTime.parse(starts.get(5));
		assertThat(first.toLocalDate()).isAfterOrEqualTo(start);
		assertThat(sixth.atZoneSameInstant(NEW_YORK).toLocalDate()).isBefore(start.plusDays(21));
		assertThat(Duration.between(first, OffsetDateTime.parse(ends.get(0)))).isEqualTo(Duration.ofMinutes(100));
		assertThat(
				this.jdbc.sql("SELECT status FROM patients WHERE id = ?").param(patient).query(String.class).single())
			.isEqualTo("IN_COURSE");
		assertThat(auditActions(patient)).contains("COURSE_STARTED");

		this.mvc
			.perform(get("/api/v1/schedule").param("date", first.toLocalDate().toString())
				.with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.timeZone").value("America/New_York"))
			.andExpect(jsonPath("$.appointments[*].id", hasItem((String) JsonPath.read(body, "$.appointments[0].id"))));
		assertThat(auditActions(patient)).contains("SCHEDULE_VIEWED");
	}

	@Test
	void aPatientWithoutApprovalIsRefusedWith409NamingWhyAndNothingIsBooked() throws Exception {
		UUID patient = TestPatients.registered(this.mvc, this.staff, "main", "Unapproved");
		startCourse(patient, someMonday()).andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("not approved")));
		assertThat(count("SELECT count(*) FROM courses WHERE patient_id = ?", patient)).isZero();
		assertThat(count("SELECT count(*) FROM appointments WHERE patient_id = ?", patient)).isZero();
	}

	@Test
	void aSecondOpenCourseIsRefused() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Twice");
		startCourse(patient, someMonday()).andExpect(status().isCreated());
		startCourse(patient, someMonday()).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("already has an open course")));
	}

	@Test
	void badInputNamesTheFieldAndTheRuleAndChangesNothing() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Typo");
		this.mvc
			.perform(post("/api/v1/patients/{id}/courses", patient).with(TestStaff.as(this.staff.demo("intake.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"protocol\": \"no-such-protocol\", \"startDate\": \"2020-01-01\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'protocol')].message",
					hasItem(containsString("iv-ketamine-standard"))))
			.andExpect(jsonPath("$.errors[?(@.field == 'startDate')].message", hasItem(containsString("or later"))));
		assertThat(count("SELECT count(*) FROM courses WHERE patient_id = ?", patient)).isZero();
	}

	@Test
	void movingAnInfusionRechecksTheRulesAndMovingTheLastOneMovesTheFollowUp() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Mover");
		String body = startCourse(patient, someMonday()).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String last = JsonPath.read(body, "$.appointments[5].id");
		OffsetDateTime lastStart = OffsetDateTime.parse(JsonPath.read(body, "$.appointments[5].start"));
		OffsetDateTime followUpStart = OffsetDateTime.parse(JsonPath.read(body, "$.appointments[6].start"));

		// A Saturday: the clinic is closed.
		OffsetDateTime saturday = lastStart.with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
		move(last, saturday).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("CLINIC_CLOSED")));
		// The day before the fifth infusion's day would break the minimum interval.
		OffsetDateTime fifth = OffsetDateTime.parse(JsonPath.read(body, "$.appointments[4].start"));
		move(last, fifth.plusHours(2)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("start"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("minimum interval")));

		// Late in the day: the proposer fills days from the morning, so other tests'
		// courses
		// rarely take this place.
		OffsetDateTime later = lastStart.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).withHour(16).withMinute(0);
		String moved = move(last, later).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(OffsetDateTime.parse(JsonPath.read(moved, "$.start"))).isAtSameInstantAs(later);
		String after = this.mvc
			.perform(get("/api/v1/courses/{id}", (String) JsonPath.read(body, "$.id"))
				.with(TestStaff.as(this.staff.demo("intake.main"))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		OffsetDateTime movedFollowUp = OffsetDateTime.parse(JsonPath.read(after, "$.appointments[6].start"));
		assertThat(movedFollowUp.toLocalDate()).isAfter(followUpStart.toLocalDate())
			.isAfterOrEqualTo(later.toLocalDate().plusDays(28));
		assertThat(auditActions(patient)).contains("APPOINTMENT_MOVED");
	}

	@Test
	void cancellingNeedsAReasonAndFreesTheRoom() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Canceller");
		String body = startCourse(patient, someMonday()).andReturn().getResponse().getContentAsString();
		String second = JsonPath.read(body, "$.appointments[1].id");
		cancel(second, "  ").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		cancel(second, "Patient has the flu").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("cancelled"))
			.andExpect(jsonPath("$.statusReason").value("Patient has the flu"));
		cancel(second, "again").andExpect(status().isConflict());
		String view = this.mvc
			.perform(get("/api/v1/courses/{id}", (String) JsonPath.read(body, "$.id"))
				.with(TestStaff.as(this.staff.demo("physician.main"))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> deviations = JsonPath.read(view, "$.deviations[*].kind");
		assertThat(deviations).contains("SESSIONS_MISSING");
	}

	@Test
	void anotherClinicSeesAndChangesNothing() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Private");
		String body = startCourse(patient, someMonday()).andReturn().getResponse().getContentAsString();
		String course = JsonPath.read(body, "$.id");
		String appointment = JsonPath.read(body, "$.appointments[0].id");
		StaffPrincipal north = this.staff.demo("intake.north");
		this.mvc.perform(get("/api/v1/courses/{id}", course).with(TestStaff.as(north)))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/v1/appointments/{id}/cancel", appointment).with(TestStaff.as(north))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\": \"not mine\"}"))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/v1/patients/{id}/courses", patient).with(TestStaff.as(north))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"protocol\": \"iv-ketamine-standard\", \"startDate\": \"" + someMonday() + "\"}"))
			.andExpect(status().isNotFound());
		String date = OffsetDateTime.parse(JsonPath.read(body, "$.appointments[0].start")).toLocalDate().toString();
		this.mvc.perform(get("/api/v1/schedule").param("date", date).with(TestStaff.as(this.staff.demo("nurse.north"))))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString(appointment))));
		assertThat(this.jdbc.sql("SELECT status FROM appointments WHERE id = ?")
			.param(UUID.fromString(appointment))
			.query(String.class)
			.single()).isEqualTo("BOOKED");
	}

	@Test
	void twoCoordinatorsBookingTheSameSlotAtOnceGetOneCourseAndOneConflict() throws Exception {
		UUID first = TestPatients.approved(this.mvc, this.staff, "main", "Racer");
		UUID second = TestPatients.approved(this.mvc, this.staff, "main", "Racer");
		StaffPrincipal intake = this.staff.demo("intake.main");
		StaffPrincipal otherIntake = this.staff.create("main", org.ketacare.platform.Role.INTAKE);
		LocalDate start = someMonday();
		Proposal.Found proposal = (Proposal.Found) this.courses.propose(intake, first, "iv-ketamine-standard", start,
				PatientAvailability.anyTime());
		List<StartCourse.AdjustedVisit> sameSlots = proposal.visits()
			.stream()
			.map((visit) -> new StartCourse.AdjustedVisit(visit.start().toOffsetDateTime(), visit.roomId()))
			.toList();
		CountDownLatch ready = new CountDownLatch(2);
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<String>> outcomes = new ArrayList<>();
			for (Map.Entry<StaffPrincipal, UUID> booking : Map.of(intake, first, otherIntake, second).entrySet()) {
				Callable<String> book = () -> {
					ready.countDown();
					go.await();
					try {
						this.courses.start(booking.getKey(), booking.getValue(),
								new StartCourse("iv-ketamine-standard", start, null, sameSlots));
						return "booked";
					}
					catch (ConflictException ex) {
						return "409: " + ex.getMessage();
					}
				};
				outcomes.add(threads.submit(book));
			}
			ready.await();
			go.countDown();
			List<String> results = new ArrayList<>();
			for (Future<String> outcome : outcomes) {
				results.add(outcome.get());
			}
			assertThat(results).filteredOn("booked"::equals).hasSize(1);
			assertThat(results).filteredOn((result) -> result.startsWith("409")).hasSize(1);
		}
		finally {
			threads.shutdown();
		}
		assertThat(count("SELECT count(*) FROM appointments WHERE patient_id = ?", first)
				+ count("SELECT count(*) FROM appointments WHERE patient_id = ?", second))
			.isEqualTo(7);
	}

	@Test
	void theDatabaseItselfRefusesTwoVisitsInOneRoomAtOnce() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Constraint");
		String body = startCourse(patient, someMonday()).andReturn().getResponse().getContentAsString();
		UUID appointment = UUID.fromString(JsonPath.read(body, "$.appointments[0].id"));
		assertThatThrownBy(() -> this.jdbc
			.sql("""
					INSERT INTO appointments (clinic_id, id, course_id, patient_id, kind, phase, number, room_id, starts_at,
					    ends_at, status, booked_by, booked_at)
					SELECT clinic_id, gen_random_uuid(), course_id, patient_id, kind, phase, 99, room_id,
					       starts_at + interval '30 minutes', ends_at + interval '30 minutes', 'BOOKED', booked_by, booked_at
					  FROM appointments WHERE id = ?
					""")
			.param(appointment)
			.update()).isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("appointments_no_double_booking");
	}

	private ResultActions startCourse(UUID patient, LocalDate start) throws Exception {
		return this.mvc
			.perform(post("/api/v1/patients/{id}/courses", patient).with(TestStaff.as(this.staff.demo("intake.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"protocol\": \"iv-ketamine-standard\", \"startDate\": \"" + start + "\"}"));
	}

	private ResultActions move(String appointment, OffsetDateTime start) throws Exception {
		return this.mvc.perform(
				post("/api/v1/appointments/{id}/move", appointment).with(TestStaff.as(this.staff.demo("intake.main")))
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"start\": \"" + start + "\"}"));
	}

	private ResultActions cancel(String appointment, String reason) throws Exception {
		return this.mvc.perform(
				post("/api/v1/appointments/{id}/cancel", appointment).with(TestStaff.as(this.staff.demo("intake.main")))
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"reason\": \"" + reason + "\"}"));
	}

	/** A Monday some weeks ahead, spread so that tests do not fill the same days. */
	/**
	 * A Monday some weeks ahead, spread over the year a course may be planned ahead, so
	 * that tests sharing the demo clinic's calendar rarely book the same days.
	 */
	static LocalDate someMonday() {
		return LocalDate.now(NEW_YORK)
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
			.plusWeeks(ThreadLocalRandom.current().nextInt(1, 50));
	}

	private long count(String sql, UUID id) {
		return this.jdbc.sql(sql).param(id).query(Long.class).single();
	}

	private List<String> auditActions(UUID patientId) {
		return this.jdbc.sql("SELECT action FROM audit_events WHERE patient_id = ?")
			.param(patientId)
			.query(String.class)
			.list();
	}

}
