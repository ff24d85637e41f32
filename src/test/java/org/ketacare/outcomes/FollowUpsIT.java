package org.ketacare.outcomes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@KetaCareIntegrationTest
class FollowUpsIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	FollowUps followUps;

	@Test
	void aFollowUpVisitPassedWithoutTheFollowUpPhq9IsListedUntilItIsAnswered() throws Exception {
		CourseFixtures.FollowUp waitingCourse = CourseFixtures.patientOnCourse(this.mvc, this.staff, "Unfollowed");
		UUID waiting = waitingCourse.patientId();
		Instant waitingVisit = waitingCourse.start();
		CourseFixtures.FollowUp answeredCourse = CourseFixtures.patientOnCourse(this.mvc, this.staff, "Followed");
		UUID answered = answeredCourse.patientId();
		Instant answeredVisit = answeredCourse.start();
		this.mvc.perform(post("/api/v1/patients/{id}/responses", answered)
			.with(TestStaff.as(this.staff.demo("nurse.main")))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"instrument\":\"PHQ-9\",\"answers\":[1,1,1,1,1,1,1,1,0],\"timePoint\":\"1-month-follow-up\"}"))
			.andExpect(status().isCreated());
		var nurse = this.staff.demo("nurse.main");

		assertThat(patients(this.followUps.missing(nurse, waitingVisit.minus(Duration.ofHours(1)))))
			.doesNotContain(waiting);
		List<FollowUps.Missing> afterBoth = this.followUps.missing(nurse,
				(waitingVisit.isAfter(answeredVisit) ? waitingVisit : answeredVisit).plus(Duration.ofDays(1)));
		assertThat(patients(afterBoth)).contains(waiting).doesNotContain(answered);
		FollowUps.Missing missing = afterBoth.stream()
			.filter((entry) -> entry.patientId().equals(waiting))
			.findFirst()
			.orElseThrow();
		assertThat(missing.visitStart()).isEqualTo(waitingVisit);
		assertThat(missing.protocol()).isEqualTo("iv-ketamine-standard");
		assertThat(missing.visitStatus()).isEqualTo("BOOKED");

		assertThat(
				patients(this.followUps.missing(this.staff.demo("nurse.north"), Instant.parse("9000-01-01T00:00:00Z"))))
			.doesNotContain(waiting);
	}

	@Test
	void theListIsAJsonEndpointAndASectionOfTheOutcomesPage() throws Exception {
		this.mvc
			.perform(get("/api/v1/outcomes/missing-follow-ups").with(TestStaff.as(this.staff.demo("physician.main"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$").isArray());
		this.mvc.perform(get("/outcomes").with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Missing one-month follow-ups")));
	}

	private static List<UUID> patients(List<FollowUps.Missing> missing) {
		return missing.stream().map(FollowUps.Missing::patientId).toList();
	}

}
