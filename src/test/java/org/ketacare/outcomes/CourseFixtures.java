package org.ketacare.outcomes;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.ketacare.TestStaff;
import org.ketacare.course.TestPatients;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Courses for outcome tests, started through the course module's API. */
final class CourseFixtures {

	private CourseFixtures() {
	}

	/**
	 * An approved patient of clinic {@code main} on the standard course from a future
	 * Monday.
	 */
	static FollowUp patientOnCourse(MockMvc mvc, TestStaff staff, String familyName) throws Exception {
		UUID patient = TestPatients.approved(mvc, staff, "main", familyName);
		LocalDate monday = LocalDate.now(ZoneId.of("America/New_York"))
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
			.plusWeeks(ThreadLocalRandom.current().nextInt(1, 30));
		String body = mvc
			.perform(post("/api/v1/patients/{id}/courses", patient).with(TestStaff.as(staff.demo("intake.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"protocol\": \"iv-ketamine-standard\", \"startDate\": \"" + monday + "\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> ids = JsonPath.read(body, "$.appointments[?(@.kind == 'follow_up')].id");
		List<String> starts = JsonPath.read(body, "$.appointments[?(@.kind == 'follow_up')].start");
		return new FollowUp(patient, UUID.fromString(ids.get(0)), OffsetDateTime.parse(starts.get(0)).toInstant());
	}

	/** A patient's follow-up appointment. */
	record FollowUp(UUID patientId, UUID appointmentId, Instant start) {
	}

}
