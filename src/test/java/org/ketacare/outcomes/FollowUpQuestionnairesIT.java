package org.ketacare.outcomes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.clinic.Clinic;
import org.ketacare.clinic.Clinics;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@KetaCareIntegrationTest
class FollowUpQuestionnairesIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	Clinics clinics;

	@Autowired
	FollowUpQuestionnaires job;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDayBeforeAFollowUpVisitOnePersonalPhq9LinkGoesToThePatientThroughTheOutbox() throws Exception {
		CourseFixtures.FollowUp followUp = CourseFixtures.patientOnCourse(this.mvc, this.staff, "Linked");
		Clinic main = this.clinics.findBySlug("main").orElseThrow();
		LocalDate visitDay = LocalDate.ofInstant(followUp.start(), main.timeZone());
		Instant twoDaysBefore = visitDay.minusDays(2).atTime(LocalTime.NOON).atZone(main.timeZone()).toInstant();
		Instant dayBefore = visitDay.minusDays(1).atTime(LocalTime.of(23, 50)).atZone(main.timeZone()).toInstant();

		this.job.sendDue(main, twoDaysBefore);
		assertThat(outbox(followUp)).isEmpty();

		this.job.sendDue(main, dayBefore);
		this.job.sendDue(main, dayBefore.plusSeconds(60));
		List<String> bodies = outbox(followUp);
		assertThat(bodies).hasSize(1);
		assertThat(bodies.get(0)).contains("PHQ-9").contains("/q/");
		assertThat(this.jdbc
			.sql("""
					SELECT instrument || ' ' || time_point FROM outcome_questionnaire_links WHERE clinic_id = ? AND patient_id = ?
					""")
			.params(main.id(), followUp.patientId())
			.query(String.class)
			.list()).containsExactly("PHQ-9 1-month-follow-up");

		String path = bodies.get(0).substring(bodies.get(0).indexOf("/q/")).split("\\s")[0];
		this.mvc.perform(get(path)).andExpect(status().isOk());
	}

	private List<String> outbox(CourseFixtures.FollowUp followUp) {
		return this.jdbc
			.sql("""
					SELECT body FROM reminder_outbox WHERE clinic_id = ? AND appointment_id = ? AND subject LIKE '%questionnaire%'
					""")
			.params(this.staff.demo("nurse.main").clinicId(), followUp.appointmentId())
			.query(String.class)
			.list();
	}

}
