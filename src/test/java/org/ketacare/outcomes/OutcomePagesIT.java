package org.ketacare.outcomes;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The staff pages: answer entry with errors next to the item, the outcomes page with its
 * chart, corrections, the start page with patient search and instruments.
 */
@KetaCareIntegrationTest
class OutcomePagesIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	OutcomePatients patients;

	@Autowired
	Responses responses;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	void aNurseEntersAPhq9OnTheTabletPage() throws Exception {
		UUID patient = this.patients.newPatient("main");
		StaffPrincipal nurse = this.staff.demo("nurse.main");
		this.mvc
			.perform(
					get("/patients/{id}/responses/new", patient).param("instrument", "PHQ-9").with(TestStaff.as(nurse)))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Little interest or pleasure in doing things"),
					containsString("name=\"item-9\""), containsString("Nearly every day"))));
		this.mvc
			.perform(post("/patients/{id}/responses", patient).param("instrument", "PHQ-9")
				.param("kind", "baseline")
				.params(items(1, 2, 0, 3, 1, 0, 2, 1, 0))
				.with(csrf())
				.with(TestStaff.as(nurse)))
			.andExpect(redirectedUrl("/patients/" + patient + "/outcomes"))
			.andExpect(flash().attribute("message", "Recorded PHQ-9 (Baseline): total 10 (Moderate)"));
	}

	@Test
	void anUnansweredItemIsNamedNextToItUnlessIncompleteIsChosen() throws Exception {
		UUID patient = this.patients.newPatient("main");
		StaffPrincipal nurse = this.staff.demo("nurse.main");
		this.mvc
			.perform(post("/patients/{id}/responses", patient).param("instrument", "GAD-7")
				.param("kind", "pre-infusion")
				.param("number", "2")
				.params(items(1, 1, 1))
				.with(csrf())
				.with(TestStaff.as(nurse)))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(containsString("Nothing was saved"),
					containsString("id=\"item-4-error\""), containsString("Question 4 is not answered"))));
		assertThat(count(patient)).isZero();
		this.mvc
			.perform(post("/patients/{id}/responses", patient).param("instrument", "GAD-7")
				.param("kind", "pre-infusion")
				.param("number", "2")
				.param("allowIncomplete", "true")
				.params(items(1, 1, 1))
				.with(csrf())
				.with(TestStaff.as(nurse)))
			.andExpect(flash().attribute("message", "Recorded GAD-7 (Before infusion 2): incomplete, not scored"));
		this.mvc
			.perform(post("/patients/{id}/responses", patient).param("instrument", "GAD-7")
				.param("kind", "pre-infusion")
				.params(items(1, 1, 1, 1, 1, 1, 1))
				.with(csrf())
				.with(TestStaff.as(nurse)))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("needs an infusion number")));
		assertThat(count(patient)).isOne();
	}

	@Test
	void theOutcomesPageDrawsTheTrendAndOffersCorrection() throws Exception {
		UUID patient = this.patients.newPatient("main");
		StaffPrincipal nurse = this.staff.demo("nurse.main");
		record(nurse, patient, "baseline", 30, 3, 3, 3, 3, 2, 2, 2, 2, 0);
		record(nurse, patient, "pre-infusion-3", 20, 2, 2, 1, 1, 1, 1, 1, 1, 0);
		ResponseRecord latest = record(nurse, patient, "post-induction", 10, 1, 1, 0, 0, 0, 0, 0, 0, 0);
		this.mvc.perform(get("/patients/{id}/outcomes", patient).with(TestStaff.as(this.staff.demo("therapist.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("<svg class=\"trend\""), containsString("<polyline"),
					containsString("Inf 3"), containsString("Moderately severe"), containsString("Responding"),
					containsString("responses/new?instrument=PHQ-9&amp;corrects=" + latest.id()))));
		this.mvc
			.perform(get("/patients/{id}/responses/new", patient).param("instrument", "PHQ-9")
				.param("corrects", latest.id().toString())
				.with(TestStaff.as(nurse)))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Why is the earlier response corrected?"),
					containsString("Save the correction"))));
		this.mvc
			.perform(post("/patients/{id}/responses", patient).param("instrument", "PHQ-9")
				.param("kind", "post-induction")
				.param("corrects", latest.id().toString())
				.param("correctionReason", "item 1 misread")
				.params(items(0, 1, 0, 0, 0, 0, 0, 0, 0))
				.with(csrf())
				.with(TestStaff.as(nurse)))
			.andExpect(redirectedUrl("/patients/" + patient + "/outcomes"));
		assertThat(count(patient)).isEqualTo(4);
	}

	@Test
	void theStartPageFindsPatientsAndListsTheInstruments() throws Exception {
		UUID patient = this.patients.newPatient("main");
		String mrn = this.jdbc.sql("SELECT mrn FROM patients WHERE id = ?").param(patient).query(String.class).single();
		this.mvc.perform(get("/outcomes").param("q", mrn).with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("/patients/" + patient + "/outcomes"),
					containsString("Highest item score within each of 9 domains"), containsString("Risk level"))));
		this.mvc.perform(get("/outcomes").with(TestStaff.as(this.staff.demo("admin.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Clinic dashboard"))));
	}

	private ResponseRecord record(StaffPrincipal nurse, UUID patient, String timePoint, int daysAgo,
			Integer... answers) {
		return this.responses.record(nurse, patient,
				new NewResponse("PHQ-9", List.of(answers), timePoint, null,
						this.clock.instant().minus(Duration.ofDays(daysAgo)), null, null),
				ResponseRecord.Source.STAFF_ENTRY);
	}

	private static MultiValueMap<String, String> items(int... answers) {
		LinkedMultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		for (int index = 0; index < answers.length; index++) {
			params.add("item-" + (index + 1), Integer.toString(answers[index]));
		}
		return params;
	}

	private int count(UUID patient) {
		return this.jdbc.sql("SELECT count(*) FROM outcome_responses WHERE patient_id = ?")
			.param(patient)
			.query(Integer.class)
			.single();
	}

}
