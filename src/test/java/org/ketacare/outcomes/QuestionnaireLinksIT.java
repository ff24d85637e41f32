package org.ketacare.outcomes;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.InvalidInputException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A patient's personal link: it needs no sign-in, shows only the questionnaire, works
 * once, expires, keeps CSRF on its form, and stores what the patient answered.
 */
@KetaCareIntegrationTest
class QuestionnaireLinksIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	OutcomePatients patients;

	@Autowired
	QuestionnaireLinks links;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPatientAnswersOnceWithoutSigningInAndSeesNothingElse() throws Exception {
		UUID patient = this.patients.newPatient("main");
		String token = this.links.issue(this.staff.demo("nurse.main"), patient, "GAD-7", "baseline").token();
		this.mvc.perform(get("/q/{token}", token))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Generalized Anxiety Disorder-7")))
			.andExpect(content().string(not(containsString("Alex"))))
			.andExpect(content().string(not(containsString("Sign out"))));
		this.mvc.perform(answer(token, 1, 2, 3, 0, 1, 2, 3).with(csrf())).andExpect(redirectedUrl("/q/done"));
		assertThat(this.jdbc.sql("""
				SELECT total || '/' || answered_by || '/' || source FROM outcome_responses WHERE patient_id = ?
				""").param(patient).query(String.class).list()).containsExactly("12/PATIENT/PATIENT_LINK");
		this.mvc.perform(get("/q/{token}", token))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("This link is not valid")));
		this.mvc.perform(answer(token, 0, 0, 0, 0, 0, 0, 0).with(csrf())).andExpect(status().isNotFound());
		assertThat(this.jdbc.sql("SELECT count(*) FROM outcome_responses WHERE patient_id = ?")
			.param(patient)
			.query(Integer.class)
			.single()).isOne();
		assertThat(this.jdbc.sql("SELECT actor_username FROM audit_events WHERE patient_id = ? AND action = ?")
			.params(patient, "RESPONSE_RECORDED")
			.query(String.class)
			.single()).isEqualTo("patient (personal link)");
	}

	@Test
	void anUnansweredQuestionIsNamedAndNothingIsStored() throws Exception {
		UUID patient = this.patients.newPatient("main");
		String token = this.links.issue(this.staff.demo("nurse.main"), patient, "GAD-7", "baseline").token();
		this.mvc.perform(post("/q/{token}", token).param("item-1", "1").param("item-2", "1").with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Question 3 please answer question 3")));
		assertThat(this.links.open(token)).isPresent();
	}

	@Test
	void theFormNeedsItsCsrfToken() throws Exception {
		UUID patient = this.patients.newPatient("main");
		String token = this.links.issue(this.staff.demo("nurse.main"), patient, "PHQ-9", "baseline").token();
		int status = this.mvc.perform(answer(token, 0, 0, 0, 0, 0, 0, 0, 0, 0)).andReturn().getResponse().getStatus();
		// Refused: 403, or without any session the sign-in page's "expired" redirect.
		assertThat(status).isIn(302, 403);
		assertThat(this.links.open(token)).isPresent();
	}

	@Test
	void aGuessedTokenShowsOnlyThatTheLinkIsNotValid() throws Exception {
		this.mvc.perform(get("/q/{token}", "not-a-real-token"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("This link is not valid")));
	}

	@Test
	void anExpiredLinkIsClosed() {
		UUID patient = this.patients.newPatient("main");
		QuestionnaireLinks.IssuedLink issued = this.links.issue(this.staff.demo("nurse.main"), patient, "PHQ-9",
				"pre-infusion-2");
		assertThat(issued.link().expiresAt()).isEqualTo(issued.link().issuedAt().plusSeconds(72 * 3600));
		this.jdbc
			.sql("UPDATE outcome_questionnaire_links SET issued_at = issued_at - interval '4 days', "
					+ "expires_at = expires_at - interval '4 days' WHERE id = ?")
			.param(issued.link().id())
			.update();
		assertThat(this.links.open(issued.token())).isEmpty();
		assertThatExceptionOfType(QuestionnaireLinks.LinkClosedException.class)
			.isThrownBy(() -> this.links.answer(issued.token(), List.of(0, 0, 0, 0, 0, 0, 0, 0, 0)));
	}

	@Test
	void aClinicianRatedScaleCannotBeSentAsALink() {
		UUID patient = this.patients.newPatient("main");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.links.issue(this.staff.demo("nurse.main"), patient, "MADRS", "baseline"))
			.satisfies((ex) -> assertThat(ex.errors().get(0).field()).isEqualTo("instrument"));
	}

	@Test
	void staffCreateALinkOnThePatientsPageAndSeeItOnce() throws Exception {
		UUID patient = this.patients.newPatient("main");
		this.mvc
			.perform(post("/patients/{id}/links", patient).param("instrument", "PHQ-9")
				.param("kind", "pre-infusion")
				.param("number", "3")
				.with(csrf())
				.with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(redirectedUrl("/patients/" + patient + "/outcomes#links"));
		assertThat(this.links.forPatient(this.staff.demo("nurse.main").clinicId(), patient)).singleElement()
			.satisfies((link) -> {
				assertThat(link.timePoint().code()).isEqualTo("pre-infusion-3");
				assertThat(link.state()).isEqualTo("open");
			});
	}

	private static MockHttpServletRequestBuilder answer(String token, int... answers) {
		MockHttpServletRequestBuilder request = post("/q/{token}", token);
		for (int index = 0; index < answers.length; index++) {
			request = request.param("item-" + (index + 1), Integer.toString(answers[index]));
		}
		return request;
	}

}
