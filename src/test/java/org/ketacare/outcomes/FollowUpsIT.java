package org.ketacare.outcomes;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.course.TestPatients;

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
		UUID waiting = TestPatients.approved(this.mvc, this.staff, "main", "Unfollowed");
		Instant waitingVisit = startCourse(waiting);
		UUID answered = TestPatients.approved(this.mvc, this.staff, "main", "Followed");
		Instant answeredVisit = startCourse(answered);
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

	/** Starts the standard course and returns the start of its follow-up visit. */
	private Instant startCourse(UUID patient) throws Exception {
		LocalDate monday = LocalDate.now(ZoneId.of("America/New_York"))
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
			.plusWeeks(ThreadLocalRandom.current().nextInt(1, 30));
		String body = this.mvc
			.perform(post("/api/v1/patients/{id}/courses", patient).with(TestStaff.as(this.staff.demo("intake.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"protocol\": \"iv-ketamine-standard\", \"startDate\": \"" + monday + "\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> starts = JsonPath.read(body, "$.appointments[?(@.kind == 'follow_up')].start");
		return OffsetDateTime.parse(starts.get(0)).toInstant();
	}

	private static List<UUID> patients(List<FollowUps.Missing> missing) {
		return missing.stream().map(FollowUps.Missing::patientId).toList();
	}

}
