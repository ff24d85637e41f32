package org.ketacare.outcomes;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.course.TestPatients;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The questionnaire kiosk: today's infusions of the clinic only, by first name and
 * initial; choosing one leads the tablet through the PHQ-9 and the C-SSRS and back.
 */
@KetaCareIntegrationTest
class KioskIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Test
	void listsTodaysInfusionsOfTheClinicWithFirstNameInitialAndTimeOnly() throws Exception {
		String family = "Kiosk" + UUID.randomUUID().toString().substring(0, 6);
		UUID appointment = infusionToday(family);
		StaffPrincipal nurse = this.staff.demo("nurse.main");
		String page = this.mvc.perform(get("/outcomes/kiosk").with(TestStaff.as(nurse)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Alex " + family.charAt(0) + ".")))
			.andExpect(content().string(containsString("/outcomes/kiosk/" + appointment)))
			.andExpect(content().string(not(containsString(family))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		// The birth date as any page renders it; a bare "1980" also occurs by chance in
		// ids and tokens.
		assertThat(page).doesNotContain("1980-05-17").doesNotContain("MRN");
		UUID patient = patientOf(appointment);
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_events WHERE patient_id = ? AND action = ?")
			.params(patient, "KIOSK_LIST_VIEWED")
			.query(Integer.class)
			.single()).isOne();
		this.mvc.perform(get("/outcomes/kiosk").with(TestStaff.as(this.staff.demo("nurse.north"))))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString(appointment.toString()))));
		this.mvc
			.perform(post("/outcomes/kiosk/{id}", appointment).with(TestStaff.as(this.staff.demo("nurse.north")))
				.with(csrf()))
			.andExpect(status().isNotFound());
	}

	@Test
	void anInfusionOnAnotherDayIsNotListed() throws Exception {
		UUID appointment = infusionToday("Kiosk" + UUID.randomUUID().toString().substring(0, 6));
		this.jdbc
			.sql("UPDATE appointments SET starts_at = starts_at + interval '1 day', "
					+ "ends_at = ends_at + interval '1 day' WHERE id = ?")
			.param(appointment)
			.update();
		this.mvc.perform(get("/outcomes/kiosk").with(TestStaff.as(this.staff.demo("intake.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString(appointment.toString()))));
	}

	@Test
	void thePatientAnswersBothQuestionnairesAndHandsTheTabletBack() throws Exception {
		UUID appointment = infusionToday("Kiosk" + UUID.randomUUID().toString().substring(0, 6));
		UUID patient = patientOf(appointment);
		StaffPrincipal intake = this.staff.demo("intake.main");
		MockHttpServletResponse started = this.mvc
			.perform(post("/outcomes/kiosk/{id}", appointment).with(TestStaff.as(intake)).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse();
		// The tablet's session (Spring Session) travels in its cookie.
		Cookie session = started.getCookie("SESSION");
		assertThat(session).isNotNull();
		String phq9 = started.getRedirectedUrl();
		assertThat(phq9).startsWith("/q/");
		this.mvc.perform(get(phq9).cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Patient Health Questionnaire-9")))
			.andExpect(content().string(not(containsString("Alex"))));
		this.mvc.perform(answers(post(phq9), 9, 0).cookie(session).with(csrf())).andExpect(redirectedUrl("/q/done"));
		String done = this.mvc.perform(get("/q/done").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Next questionnaire")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String cssrs = done.replaceAll("(?s).*href=\"(/q/[^\"]+)\".*", "$1");
		this.mvc.perform(get(cssrs).cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Columbia Suicide Severity Rating Scale")));
		this.mvc.perform(answers(post(cssrs), 7, 0).cookie(session).with(csrf())).andExpect(redirectedUrl("/q/done"));
		this.mvc.perform(get("/q/done").cookie(session))
			.andExpect(content().string(containsString("Hand the tablet back")))
			.andExpect(content().string(containsString("href=\"/outcomes/kiosk\"")));
		assertThat(this.jdbc.sql("""
				SELECT instrument || '/' || time_point || '/' || answered_by FROM outcome_responses
				 WHERE patient_id = ? ORDER BY instrument
				""").param(patient).query(String.class).list()).containsExactly("C-SSRS/pre-infusion-1/PATIENT",
				"PHQ-9/pre-infusion-1/PATIENT");
		assertThat(this.jdbc.sql("SELECT target_id FROM audit_events WHERE patient_id = ? AND action = ?")
			.params(patient, "KIOSK_QUESTIONNAIRES_STARTED")
			.query(String.class)
			.single()).isEqualTo(appointment.toString());
	}

	@Test
	void aPatientPhoneOutsideTheKioskIsNotOfferedTheKiosk() throws Exception {
		this.mvc.perform(get("/q/done"))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("Hand the tablet back"))));
	}

	@Test
	void onlyNursesAndIntakeUseTheKiosk() throws Exception {
		UUID appointment = infusionToday("Kiosk" + UUID.randomUUID().toString().substring(0, 6));
		for (String user : new String[] { "physician.main", "therapist.main", "admin.main" }) {
			this.mvc.perform(get("/outcomes/kiosk").with(TestStaff.as(this.staff.demo(user))))
				.andExpect(status().isForbidden());
			this.mvc
				.perform(post("/outcomes/kiosk/{id}", appointment).with(TestStaff.as(this.staff.demo(user)))
					.with(csrf()))
				.andExpect(status().isForbidden());
		}
		this.mvc.perform(get("/outcomes/kiosk")).andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.sql("SELECT count(*) FROM outcome_questionnaire_links WHERE patient_id = ?")
			.param(patientOf(appointment))
			.query(Integer.class)
			.single()).isZero();
	}

	/** A patient on a course whose first infusion is moved to a random moment today. */
	private UUID infusionToday(String familyName) throws Exception {
		UUID patient = TestPatients.approved(this.mvc, this.staff, "main", familyName);
		LocalDate monday = LocalDate.now(ZoneId.of("America/New_York"))
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
			.plusWeeks(ThreadLocalRandom.current().nextInt(1, 40));
		this.mvc
			.perform(post("/api/v1/patients/{id}/courses", patient).with(TestStaff.as(this.staff.demo("intake.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"protocol\": \"iv-ketamine-standard\", \"startDate\": \"" + monday + "\"}"))
			.andExpect(status().isCreated());
		ZoneId zone = this.staff.demo("nurse.main").clinicZone();
		ZonedDateTime start = LocalDate.now(zone)
			.atStartOfDay(zone)
			.plusSeconds(ThreadLocalRandom.current().nextInt(60, 23 * 3600));
		UUID appointment = this.jdbc.sql("""
				SELECT id FROM appointments WHERE patient_id = ? AND kind = 'INFUSION' ORDER BY starts_at LIMIT 1
				""").param(patient).query(UUID.class).single();
		this.jdbc.sql("UPDATE appointments SET starts_at = ?, ends_at = ? WHERE id = ?")
			.params(Timestamps.of(start.toInstant()), Timestamps.of(start.toInstant().plusSeconds(1)), appointment)
			.update();
		return appointment;
	}

	private UUID patientOf(UUID appointment) {
		return this.jdbc.sql("SELECT patient_id FROM appointments WHERE id = ?")
			.param(appointment)
			.query(UUID.class)
			.single();
	}

	private static MockHttpServletRequestBuilder answers(MockHttpServletRequestBuilder request, int items, int value) {
		for (int item = 1; item <= items; item++) {
			request.param("item-" + item, String.valueOf(value));
		}
		return request;
	}

}
