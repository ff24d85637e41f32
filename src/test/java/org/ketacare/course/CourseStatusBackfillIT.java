package org.ketacare.course;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Patients left in course by a course that ended before ending a course moved them on
 * (their state is set up with SQL, as such data looks) are moved to follow-up by the
 * startup task, audited with the task as the actor, once however often and on however
 * many nodes it runs.
 */
@KetaCareIntegrationTest
class CourseStatusBackfillIT {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CourseStatusBackfill backfill;

	@Autowired
	Protocols protocols;

	@Autowired
	TransactionTemplate transaction;

	@Test
	void aPatientLeftInCourseByACompletedCourseMovesToFollowUpOnceWithAnAuditRowOfTheTask() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Backfilled");
		UUID course = startCourse(patient);
		endedBeforeTheStatusRule(course, "COMPLETED", null);
		int historyBefore = statusChanges(patient);

		assertThat(this.backfill.run()).isPositive();

		assertThat(patientStatus(patient)).isEqualTo("FOLLOW_UP");
		assertThat(statusChanges(patient)).isEqualTo(historyBefore + 1);
		assertThat(this.jdbc.sql("""
				SELECT changed_by IS NULL FROM patient_status_changes
				 WHERE patient_id = ? AND to_status = 'FOLLOW_UP'
				""").param(patient).query(Boolean.class).single()).isTrue();
		List<String> audits = statusAudits(patient);
		assertThat(audits).containsExactly(CourseStatusBackfill.TASK + " | IN_COURSE -> FOLLOW_UP: Course completed: "
				+ this.protocols.standard(this.staff.demo("intake.main").clinicId()).name()
				+ " (corrected automatically: the "
				+ "course ended before ending a course moved the patient to follow-up)");
		this.mvc.perform(get("/patients/{id}", patient).with(TestStaff.as(this.staff.demo("intake.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("KetaCare (automatic)")))
			.andExpect(content().string(containsString("corrected automatically")));

		assertThat(this.backfill.run()).isZero();

		assertThat(patientStatus(patient)).isEqualTo("FOLLOW_UP");
		assertThat(statusChanges(patient)).isEqualTo(historyBefore + 1);
		assertThat(statusAudits(patient)).hasSize(1);
	}

	@Test
	void aDiscontinuedCourseGivesItsReasonAndAPatientWithAnOpenCourseStaysInCourse() throws Exception {
		UUID stopped = TestPatients.approved(this.mvc, this.staff, "north", "BackfillStopped");
		endedBeforeTheStatusRule(startCourse(stopped, "intake.north"), "DISCONTINUED", "Moved away");
		UUID treated = TestPatients.approved(this.mvc, this.staff, "main", "BackfillTreated");
		freeTheRooms(startCourse(treated));

		this.backfill.run();

		assertThat(patientStatus(stopped)).isEqualTo("FOLLOW_UP");
		assertThat(statusAudits(stopped)).singleElement()
			.asString()
			.contains("IN_COURSE -> FOLLOW_UP: Course discontinued: Moved away (corrected automatically");
		assertThat(patientStatus(treated)).isEqualTo("IN_COURSE");
		assertThat(statusAudits(treated)).isEmpty();
	}

	@Test
	void nodesStartingTogetherMoveEachPatientOnce() throws Exception {
		List<UUID> patients = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "BackfillCluster");
			endedBeforeTheStatusRule(startCourse(patient), "COMPLETED", null);
			patients.add(patient);
		}
		ExecutorService nodes = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Integer>> starts = new ArrayList<>();
			for (int node = 0; node < 4; node++) {
				starts.add(this.backfill::run);
			}
			int moved = 0;
			for (Future<Integer> start : nodes.invokeAll(starts)) {
				moved += start.get();
			}
			assertThat(moved).isGreaterThanOrEqualTo(patients.size());
		}
		finally {
			nodes.shutdownNow();
		}
		for (UUID patient : patients) {
			assertThat(patientStatus(patient)).isEqualTo("FOLLOW_UP");
			assertThat(statusAudits(patient)).hasSize(1);
		}
	}

	@Test
	void theCheckAtEveryStartReadsTheIndexesOfPatientsInCourseAndOfOpenCourses() {
		// The test database is small enough for a sequential scan to win; with it ruled
		// out, the plan shows which indexes the query can use.
		String plan = this.transaction.execute((status) -> {
			this.jdbc.sql("SET LOCAL enable_seqscan = off").update();
			return String.join("\n",
					this.jdbc.sql("EXPLAIN " + CourseRepository.IN_COURSE_WITH_ENDED_COURSES)
						.query(String.class)
						.list());
		});

		assertThat(plan).contains("patients_in_course_idx").contains("courses_one_open_per_patient");
	}

	private UUID startCourse(UUID patient) throws Exception {
		return startCourse(patient, "intake.main");
	}

	private UUID startCourse(UUID patient, String intake) throws Exception {
		LocalDate start = LocalDate.now(NEW_YORK)
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
			.plusWeeks(ThreadLocalRandom.current().nextInt(1, 50));
		String created = this.mvc
			.perform(post("/api/v1/patients/{id}/courses", patient).with(TestStaff.as(this.staff.demo(intake)))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"protocol\": \"iv-ketamine-standard\", \"startDate\": \"" + start + "\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return UUID.fromString(JsonPath.read(created, "$.id"));
	}

	/**
	 * Cancels the course's visits, so that the schedule other tests book into stays as
	 * free as it was.
	 */
	private void freeTheRooms(UUID course) {
		this.jdbc.sql("UPDATE appointments SET status = 'CANCELLED', status_reason = 'test done' WHERE course_id = ?")
			.param(course)
			.update();
	}

	/**
	 * The course ended as it did before ending a course moved the patient on: the course
	 * is closed and the patient stays in course.
	 */
	private void endedBeforeTheStatusRule(UUID course, String status, String reason) {
		freeTheRooms(course);
		this.jdbc.sql("UPDATE courses SET status = ?, status_reason = ? WHERE id = ?")
			.params(status, reason, course)
			.update();
	}

	private String patientStatus(UUID patient) {
		return this.jdbc.sql("SELECT status FROM patients WHERE id = ?").param(patient).query(String.class).single();
	}

	private int statusChanges(UUID patient) {
		return this.jdbc.sql("SELECT count(*) FROM patient_status_changes WHERE patient_id = ?")
			.param(patient)
			.query(Integer.class)
			.single();
	}

	/**
	 * The task's status changes of the patient in the audit trail, as "actor | details".
	 */
	private List<String> statusAudits(UUID patient) {
		return this.jdbc.sql("""
				SELECT actor_username || ' | ' || details FROM audit_events
				 WHERE patient_id = ? AND action = 'PATIENT_STATUS_CHANGED' AND actor_id IS NULL
				""").param(patient).query(String.class).list();
	}

}
