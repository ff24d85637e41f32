package org.ketacare.course;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The patient's status follows their course: in course when it starts, follow-up when it
 * is completed or discontinued, in course again for a further course; each move in the
 * status history with its reason, and a move the rules refuse leaves the course as it
 * was.
 */
@KetaCareIntegrationTest
class CourseStatusIT {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Protocols protocols;

	@Test
	void startingACourseMovesAnEligiblePatientIntoTheCourse() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Starts");
		assertThat(patientStatus(patient)).isEqualTo("ELIGIBLE");

		startCourse(patient).andExpect(status().isCreated());

		assertThat(patientStatus(patient)).isEqualTo("IN_COURSE");
		assertThat(latestMove(patient)).containsExactly("ELIGIBLE", "IN_COURSE", "Course planned: " + standardName());
		assertThat(auditDetails(patient, "PATIENT_STATUS_CHANGED"))
			.anyMatch((details) -> details.equals("ELIGIBLE -> IN_COURSE: Course planned: " + standardName()));
	}

	@Test
	void completingACourseMovesThePatientToFollowUpAndAFurtherCourseBackIntoTreatment() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Completes");
		UUID course = courseId(startCourse(patient).andExpect(status().isCreated()));
		inductionDone(course);

		this.mvc
			.perform(post("/courses/{id}/complete", course).with(TestStaff.as(this.staff.demo("physician.main")))
				.with(csrf()))
			.andExpect(redirectedUrl("/courses/" + course));

		assertThat(courseStatus(course)).isEqualTo("COMPLETED");
		assertThat(patientStatus(patient)).isEqualTo("FOLLOW_UP");
		assertThat(latestMove(patient)).containsExactly("IN_COURSE", "FOLLOW_UP",
				"Course completed: " + standardName());
		assertThat(auditDetails(patient, "PATIENT_STATUS_CHANGED"))
			.anyMatch((details) -> details.startsWith("IN_COURSE -> FOLLOW_UP: Course completed"));
		this.mvc.perform(get("/patients/{id}", patient).with(TestStaff.as(this.staff.demo("intake.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Course completed: " + standardName())))
			.andExpect(content().string(containsString("Follow-up")));

		// A booster course after the first one, while the approval still holds.
		startCourse(patient).andExpect(status().isCreated());
		assertThat(patientStatus(patient)).isEqualTo("IN_COURSE");
		assertThat(latestMove(patient)).containsExactly("FOLLOW_UP", "IN_COURSE", "Course planned: " + standardName());
	}

	@Test
	void discontinuingACourseMovesThePatientToFollowUpWithTheReason() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Stops");
		UUID course = courseId(startCourse(patient).andExpect(status().isCreated()));

		discontinue(course, "Patient moved away").andExpect(redirectedUrl("/courses/" + course));

		assertThat(courseStatus(course)).isEqualTo("DISCONTINUED");
		assertThat(patientStatus(patient)).isEqualTo("FOLLOW_UP");
		assertThat(statusHistory(patient)).extracting((move) -> move.get(1))
			.containsExactly("INQUIRY", "SCREENING", "ELIGIBLE", "IN_COURSE", "FOLLOW_UP");
		assertThat(latestMove(patient)).containsExactly("IN_COURSE", "FOLLOW_UP",
				"Course discontinued: Patient moved away");
		this.mvc.perform(get("/patients/{id}", patient).with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Course discontinued: Patient moved away")));
	}

	@Test
	void aDiscontinuationTheStatusRulesRefuseLeavesTheCourseAndItsVisitsAsTheyWere() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Refused");
		UUID course = courseId(startCourse(patient).andExpect(status().isCreated()));
		dischargedBehindTheCourse(patient);
		int moves = statusHistory(patient).size();

		discontinue(course, "Patient moved away").andExpect(status().is(422))
			.andExpect(content().string(containsString("cannot move to")));

		assertThat(courseStatus(course)).isEqualTo("PLANNED");
		assertThat(this.jdbc.sql("SELECT DISTINCT status FROM appointments WHERE course_id = ?")
			.param(course)
			.query(String.class)
			.list()).containsExactly("BOOKED");
		assertThat(patientStatus(patient)).isEqualTo("DISCHARGED");
		assertThat(statusHistory(patient)).hasSize(moves);
		assertThat(auditDetails(patient, "COURSE_DISCONTINUED")).isEmpty();
	}

	@Test
	void aCompletionTheStatusRulesRefuseLeavesTheCourseOpen() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Unfinished");
		UUID course = courseId(startCourse(patient).andExpect(status().isCreated()));
		inductionDone(course);
		dischargedBehindTheCourse(patient);

		this.mvc
			.perform(post("/courses/{id}/complete", course).with(TestStaff.as(this.staff.demo("physician.main")))
				.with(csrf()))
			.andExpect(status().is(422));

		assertThat(courseStatus(course)).isEqualTo("MAINTENANCE");
		assertThat(patientStatus(patient)).isEqualTo("DISCHARGED");
		assertThat(auditDetails(patient, "COURSE_COMPLETED")).isEmpty();
	}

	@Test
	void aStartTheStatusRulesRefuseBooksNothing() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Discharged");
		dischargedBehindTheCourse(patient);
		int moves = statusHistory(patient).size();

		startCourse(patient).andExpect(status().is(422))
			.andExpect(jsonPath("$.detail").value(containsString("cannot move to 'In course'")));

		assertThat(count("SELECT count(*) FROM courses WHERE patient_id = ?", patient)).isZero();
		assertThat(count("SELECT count(*) FROM appointments WHERE patient_id = ?", patient)).isZero();
		assertThat(statusHistory(patient)).hasSize(moves);
		assertThat(auditDetails(patient, "COURSE_STARTED")).isEmpty();
	}

	private ResultActions startCourse(UUID patient) throws Exception {
		LocalDate start = LocalDate.now(NEW_YORK)
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
			.plusWeeks(ThreadLocalRandom.current().nextInt(1, 50));
		return this.mvc
			.perform(post("/api/v1/patients/{id}/courses", patient).with(TestStaff.as(this.staff.demo("intake.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"protocol\": \"iv-ketamine-standard\", \"startDate\": \"" + start + "\"}"));
	}

	private ResultActions discontinue(UUID course, String reason) throws Exception {
		return this.mvc
			.perform(post("/courses/{id}/discontinue", course).with(TestStaff.as(this.staff.demo("physician.main")))
				.with(csrf())
				.param("reason", reason));
	}

	private static UUID courseId(ResultActions started) throws Exception {
		return UUID.fromString(JsonPath.read(started.andReturn().getResponse().getContentAsString(), "$.id"));
	}

	/**
	 * Records the course's visits as attended and its induction as done, as the visits
	 * would once they happened; the course's dates lie ahead, so the API would not yet
	 * record them.
	 */
	private void inductionDone(UUID course) {
		this.jdbc.sql("UPDATE appointments SET status = 'ATTENDED' WHERE course_id = ?").param(course).update();
		this.jdbc.sql("UPDATE courses SET status = 'MAINTENANCE' WHERE id = ?").param(course).update();
	}

	/**
	 * Puts the patient in a status from which the course's move is not allowed: no page
	 * discharges a patient yet, so the row is set directly.
	 */
	private void dischargedBehindTheCourse(UUID patient) {
		this.jdbc.sql("UPDATE patients SET status = 'DISCHARGED' WHERE id = ?").param(patient).update();
	}

	private String standardName() {
		return this.protocols.standard(this.staff.demo("intake.main").clinicId()).name();
	}

	private String patientStatus(UUID patient) {
		return this.jdbc.sql("SELECT status FROM patients WHERE id = ?").param(patient).query(String.class).single();
	}

	private String courseStatus(UUID course) {
		return this.jdbc.sql("SELECT status FROM courses WHERE id = ?").param(course).query(String.class).single();
	}

	/** Each move as [from, to, reason], oldest first. */
	private List<List<String>> statusHistory(UUID patient) {
		return this.jdbc.sql("""
				SELECT from_status, to_status, reason FROM patient_status_changes
				 WHERE patient_id = ? ORDER BY changed_at, from_status NULLS FIRST
				""")
			.param(patient)
			.query((rs, row) -> Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	private List<String> latestMove(UUID patient) {
		List<List<String>> history = statusHistory(patient);
		return history.get(history.size() - 1);
	}

	private List<String> auditDetails(UUID patient, String action) {
		return this.jdbc.sql("SELECT coalesce(details, '') FROM audit_events WHERE patient_id = ? AND action = ?")
			.params(patient, action)
			.query(String.class)
			.list();
	}

	private long count(String sql, UUID id) {
		return this.jdbc.sql(sql).param(id).query(Long.class).single();
	}

}
