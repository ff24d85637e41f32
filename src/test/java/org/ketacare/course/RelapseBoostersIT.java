package org.ketacare.course;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.outcomes.RelapseDetected;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@KetaCareIntegrationTest
class RelapseBoostersIT {

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

	@Test
	void aRelapseDetectedByTheOutcomesModuleBecomesABoosterSuggestionOnTheOpenCourse() throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", "Relapsing");
		this.mvc
			.perform(post("/api/v1/patients/{id}/courses", patient).with(TestStaff.as(this.staff.demo("intake.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"protocol\": \"iv-ketamine-standard\", \"startDate\": \"" + CourseApiIT.someMonday()
						+ "\"}"))
			.andExpect(status().isCreated());
		UUID clinic = this.staff.demo("intake.main").clinicId();
		Instant now = Instant.now();
		this.transaction.executeWithoutResult((status) -> this.events.publishEvent(new RelapseDetected(clinic, patient,
				"PHQ-9", UUID.randomUUID(), 20, 14, now.minus(Duration.ofDays(30)), now, 30)));

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.jdbc.sql("""
					SELECT source FROM booster_requests WHERE clinic_id = ? AND patient_id = ? AND status = 'SUGGESTED'
					""").params(clinic, patient).query(String.class).list())
				.containsExactly("outcomes: PHQ-9 relapse rule"));
	}

}
