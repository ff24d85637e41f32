package org.ketacare.course;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.outcomes.RelapseDetected;
import org.ketacare.web.Browser;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A relapse after the course ended: no booster to suggest, so the clinic's physicians see
 * it on their home page (and everyone on the patient's page) until one of them
 * acknowledges it or a new course is planned.
 */
@KetaCareIntegrationTest
class RelapseFollowUpsIT {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RelapseFollowUps followUps;

	@Test
	void aRelapseAfterACompletedCourseIsShownToTheClinicsPhysiciansUntilOneAcknowledgesIt() throws Exception {
		String family = uniqueName("Relapsed");
		UUID patient = completedCourse(family);

		relapse(patient, 20, 17);

		await().atMost(Duration.ofSeconds(20)).until(() -> activeFlags(patient) == 1);
		this.mvc.perform(get("/").with(TestStaff.as(this.staff.demo("physician.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Relapse during follow-up")))
			.andExpect(content().string(containsString(family)))
			.andExpect(content().string(containsString("PHQ-9 back to 17 (baseline 20), 40 days after the response")))
			.andExpect(content().string(containsString("/patients/" + patient)))
			.andExpect(content().string(containsString("href=\"/relapses/" + patient + "\"")));
		for (String other : List.of("physician.north", "nurse.main", "intake.main")) {
			this.mvc.perform(get("/").with(TestStaff.as(this.staff.demo(other))))
				.andExpect(status().isOk())
				.andExpect(content().string(not(containsString(family))));
		}
		this.mvc.perform(get("/patients/{id}", patient).with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(content().string(containsString("Relapse during follow-up")));
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM audit_events WHERE patient_id = ? AND action = 'PATIENT_FLAGGED'
				   AND actor_username = 'outcomes: PHQ-9 relapse rule' AND details LIKE 'RELAPSE_DURING_FOLLOW_UP: %'
				""").param(patient).query(Integer.class).single()).isOne();
		// The same relapse delivered again (the event registry retries) keeps the one
		// item.
		assertThat(this.followUps.raise(relapseOf(patient, 20, 17))).isFalse();
		assertThat(activeFlags(patient)).isOne();

		this.mvc
			.perform(post("/relapses/{id}/acknowledge", patient).with(TestStaff.as(this.staff.demo("physician.north")))
				.param("decision", "Booster offered")
				.with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/relapses/{id}", patient).with(TestStaff.as(this.staff.demo("physician.north"))))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/relapses/{id}/acknowledge", patient).with(TestStaff.as(this.staff.demo("nurse.main")))
				.param("decision", "Booster offered")
				.with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/relapses/{id}/acknowledge", patient).with(TestStaff.as(this.staff.demo("physician.main")))
				.param("decision", "  ")
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"decision-error\"")))
			.andExpect(content().string(containsString("Decision is required")));
		assertThat(activeFlags(patient)).isOne();

		this.mvc.perform(get("/relapses/{id}", patient).with(TestStaff.as(this.staff.demo("physician.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("PHQ-9 back to 17 (baseline 20)")));
		this.mvc
			.perform(post("/relapses/{id}/acknowledge", patient).with(TestStaff.as(this.staff.demo("physician.main")))
				.param("decision", "Booster infusion offered; PHQ-9 again in two weeks")
				.with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andExpect(flash().attribute("message", "Relapse acknowledged"));
		assertThat(this.jdbc.sql("SELECT clear_reason FROM patient_flags WHERE patient_id = ? AND kind = ?")
			.params(patient, RelapseFollowUps.FLAG)
			.query(String.class)
			.single()).isEqualTo("acknowledged: Booster infusion offered; PHQ-9 again in two weeks");

		assertThat(activeFlags(patient)).isZero();
		this.mvc.perform(get("/").with(TestStaff.as(this.staff.demo("physician.main"))))
			.andExpect(content().string(not(containsString(family))));
		assertThat(this.jdbc
			.sql("""
					SELECT actor_username FROM audit_events
					 WHERE patient_id = ? AND action = 'PATIENT_FLAG_CLEARED'
					   AND details = 'RELAPSE_DURING_FOLLOW_UP: acknowledged: Booster infusion offered; PHQ-9 again in two weeks'
					""")
			.param(patient)
			.query(String.class)
			.list()).containsExactly("physician.main");
		this.mvc
			.perform(post("/relapses/{id}/acknowledge", patient).with(TestStaff.as(this.staff.demo("physician.main")))
				.param("decision", "again")
				.with(csrf()))
			.andExpect(status().isConflict());
	}

	@Test
	void planningANewCourseClearsTheRelapse() throws Exception {
		String family = uniqueName("Replanned");
		UUID patient = completedCourse(family);
		relapse(patient, 21, 19);
		await().atMost(Duration.ofSeconds(20)).until(() -> activeFlags(patient) == 1);

		freeTheRooms(startCourse(patient));

		assertThat(activeFlags(patient)).isZero();
		assertThat(this.jdbc.sql("""
				SELECT actor_username FROM audit_events
				 WHERE patient_id = ? AND action = 'PATIENT_FLAG_CLEARED'
				   AND details LIKE 'RELAPSE_DURING_FOLLOW_UP: a new course was planned: %'
				""").param(patient).query(String.class).list()).containsExactly("intake.main");
		this.mvc.perform(get("/").with(TestStaff.as(this.staff.demo("physician.main"))))
			.andExpect(content().string(not(containsString(family))));
	}

	@Test
	void aRelapseOfAPatientWhoNeverHadACourseFlagsNothing() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", uniqueName("Uncoursed"));
		UUID marker = TestPatients.approved(this.mvc, this.staff, "main", uniqueName("Marker"));
		UUID markerCourse = startCourse(marker);

		relapse(patient, 20, 18);
		relapse(marker, 20, 18);

		// The marker's booster shows the events were handled; the patient without a
		// course
		// got nothing.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("SELECT count(*) FROM booster_requests WHERE course_id = ?")
				.param(markerCourse)
				.query(Integer.class)
				.single() == 1);
		assertThat(activeFlags(patient)).isZero();
		freeTheRooms(markerCourse);
	}

	@Test
	void aPhysicianSeesTheRelapseOnTheHomePageAndAcknowledgesItWithTheKeyboard() throws Exception {
		String family = uniqueName("Browsed");
		UUID patient = completedCourse(family);
		relapse(patient, 22, 18);
		await().atMost(Duration.ofSeconds(20)).until(() -> activeFlags(patient) == 1);

		try (Browser browser = Browser.start(RelapseFollowUpsIT.class, this.port)) {
			browser.signIn("physician.main", TestStaff.DEMO_PASSWORD);
			assertThat(browser.text(By.id("relapses-heading"))).isEqualTo("Relapse during follow-up");
			assertThat(browser.text(By.cssSelector("section.relapses"))).contains(family)
				.contains("PHQ-9 back to 18 (baseline 22)");
			browser.screenshot("home-relapse-during-follow-up");
			browser.windowSize(820, 1180);
			browser.screenshot("home-relapse-during-follow-up-tablet");
			browser.windowSize(1280, 900);

			browser.click(By.cssSelector("section.relapses a[href$='/patients/" + patient + "']"));
			assertThat(browser.currentPath()).isEqualTo("/patients/" + patient);
			assertThat(browser.text(By.cssSelector(".flag"))).contains("Relapse during follow-up");
			browser.screenshot("patient-relapse-during-follow-up");

			browser.open("/");
			browser.click(By.cssSelector("section.relapses a[href$='/relapses/" + patient + "']"));
			browser.type("decision", "Booster offered; reviews in two weeks");
			browser.screenshot("relapse-decision");
			browser.click(By.xpath("//button[normalize-space()='Acknowledge with this decision']"));
			assertThat(browser.text(By.cssSelector(".flash"))).isEqualTo("Relapse acknowledged");
			assertThat(browser.all(By.cssSelector("section.relapses a[href$='/patients/" + patient + "']"))).isEmpty();
			browser.screenshot("home-relapse-acknowledged");
		}
		assertThat(activeFlags(patient)).isZero();
	}

	private static String uniqueName(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 6);
	}

	/** A patient whose course a physician completed: in follow-up, no open course. */
	private UUID completedCourse(String familyName) throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", familyName);
		UUID course = startCourse(patient);
		// The course's dates lie ahead: its induction is recorded as done, and its visits
		// cancelled so that the schedule other tests book into stays as free as it was.
		freeTheRooms(course);
		this.jdbc.sql("UPDATE courses SET status = 'MAINTENANCE' WHERE id = ?").param(course).update();
		this.mvc
			.perform(post("/courses/{id}/complete", course).with(TestStaff.as(this.staff.demo("physician.main")))
				.with(csrf()))
			.andExpect(redirectedUrl("/courses/" + course));
		return patient;
	}

	private void freeTheRooms(UUID course) {
		this.jdbc.sql("UPDATE appointments SET status = 'CANCELLED', status_reason = 'test done' WHERE course_id = ?")
			.param(course)
			.update();
	}

	private UUID startCourse(UUID patient) throws Exception {
		LocalDate start = LocalDate.now(NEW_YORK)
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
			.plusWeeks(ThreadLocalRandom.current().nextInt(1, 50));
		String created = this.mvc
			.perform(post("/api/v1/patients/{id}/courses", patient).with(TestStaff.as(this.staff.demo("intake.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"protocol\": \"iv-ketamine-standard\", \"startDate\": \"" + start + "\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return UUID.fromString(JsonPath.read(created, "$.id"));
	}

	/**
	 * The outcomes module's relapse event, as it publishes it when a response is
	 * recorded.
	 */
	private void relapse(UUID patient, int baseline, int total) {
		this.transaction
			.executeWithoutResult((status) -> this.events.publishEvent(relapseOf(patient, baseline, total)));
	}

	private RelapseDetected relapseOf(UUID patient, int baseline, int total) {
		Instant now = Instant.now();
		return new RelapseDetected(this.staff.demo("intake.main").clinicId(), patient, "PHQ-9", UUID.randomUUID(),
				baseline, total, now.minus(Duration.ofDays(40)), now, 40);
	}

	private int activeFlags(UUID patient) {
		return this.jdbc.sql("""
				SELECT count(*) FROM patient_flags
				 WHERE patient_id = ? AND kind = 'RELAPSE_DURING_FOLLOW_UP' AND cleared_at IS NULL
				""").param(patient).query(Integer.class).single();
	}

}
