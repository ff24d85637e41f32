package org.ketacare.therapy;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.course.Protocols;
import org.ketacare.infusion.InfusionFixtures;
import org.ketacare.ledger.Ledger;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Therapy sessions: a therapist records and signs a note, adds to it, never changes it;
 * physicians see that sessions took place but not the notes; the integration sessions due
 * after infusions; other clinics see nothing.
 */
@KetaCareIntegrationTest
class TherapyIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Ledger ledger;

	@Autowired
	Clock clock;

	@Autowired
	Protocols protocols;

	InfusionFixtures fixtures;

	StaffPrincipal therapist;

	@BeforeEach
	void setUp() {
		this.fixtures = new InfusionFixtures(this.mvc, this.staff, this.jdbc, this.ledger, this.clock, this.protocols);
		this.therapist = this.staff.demo("therapist.main");
	}

	@Test
	void aTherapistSignsANoteThatPhysiciansSeeTookPlaceButCannotRead() throws Exception {
		UUID patient = this.fixtures.patient("main");
		String created = record(this.therapist, patient, "INTEGRATION", minutesAgo(90), 50,
				"Talked through the imagery of the second infusion.", TestStaff.DEMO_PASSWORD)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.kind").value("INTEGRATION"))
			.andExpect(jsonPath("$.therapistName").value("Therapist (main)"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String session = JsonPath.read(created, "$.id");

		this.mvc.perform(get("/api/v1/patients/{id}/therapy-sessions", patient).with(TestStaff.as(this.therapist)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value(session))
			.andExpect(jsonPath("$[0].note").value("Talked through the imagery of the second infusion."))
			.andExpect(jsonPath("$[0].noteWithheld").value(false));
		this.mvc
			.perform(get("/api/v1/patients/{id}/therapy-sessions", patient)
				.with(TestStaff.as(this.staff.demo("physician.main"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].minutes").value(50))
			.andExpect(jsonPath("$[0].note").doesNotExist())
			.andExpect(jsonPath("$[0].noteWithheld").value(true))
			.andExpect(content().string(not(containsString("imagery"))));
		this.mvc.perform(get("/patients/{id}/therapy", patient).with(TestStaff.as(this.staff.demo("physician.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("only the clinic's therapists read")))
			.andExpect(content().string(not(containsString("imagery"))));
		this.mvc
			.perform(get("/api/v1/patients/{id}/therapy-sessions", patient)
				.with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isForbidden());

		assertThat(audit(patient, "THERAPY_SESSION_RECORDED")).isOne();
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM audit_events WHERE patient_id = ? AND action = 'THERAPY_SESSIONS_VIEWED'
				AND details LIKE '%notes withheld%'
				""").params(patient).query(Integer.class).single()).isEqualTo(2);
		assertThat(this.jdbc.sql("SELECT signature_meaning FROM therapy_sessions WHERE id = ?::uuid")
			.params(session)
			.query(String.class)
			.single()).isEqualTo("author of the therapy session note");
	}

	@Test
	void badInputNamesEveryFieldAndSavesNothing() throws Exception {
		UUID patient = this.fixtures.patient("main");
		this.mvc
			.perform(post("/api/v1/patients/{id}/therapy-sessions", patient).with(TestStaff.as(this.therapist))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field", hasItem("kind")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("heldAt")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("minutes")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("note")));
		String tomorrow = LocalDateTime.now(this.clock.withZone(this.therapist.clinicZone()))
			.plusDays(1)
			.truncatedTo(ChronoUnit.MINUTES)
			.toString();
		record(this.therapist, patient, "DEBRIEF", tomorrow, 2, "note", TestStaff.DEMO_PASSWORD)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'kind')].message")
				.value("must be one of PREPARATION, INTEGRATION, PSYCHOTHERAPY"))
			.andExpect(jsonPath("$.errors[?(@.field == 'heldAt')].message")
				.value("must not be in the future: a note is written after the session"))
			.andExpect(jsonPath("$.errors[?(@.field == 'minutes')].message").value("must be between 5 and 480"));
		record(this.therapist, patient, "PREPARATION", minutesAgo(60), 50, "note", "not my password")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("password"));
		assertThat(this.jdbc.sql("SELECT count(*) FROM therapy_sessions WHERE patient_id = ?")
			.params(patient)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aSignedNoteIsAddedToNeverChanged() throws Exception {
		UUID patient = this.fixtures.patient("main");
		String session = JsonPath.read(record(this.therapist, patient, "PREPARATION", minutesAgo(30), 60,
				"Intentions for the course.", TestStaff.DEMO_PASSWORD)
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		this.mvc
			.perform(post("/api/v1/therapy-sessions/{id}/addenda", session).with(TestStaff.as(this.therapist))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"text\": \" \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("text")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("reason")));
		this.mvc
			.perform(post("/api/v1/therapy-sessions/{id}/addenda", session).with(TestStaff.as(this.therapist))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"text\": \"Escort is her sister.\", \"reason\": \"left out\"}"))
			.andExpect(status().isCreated());
		this.mvc.perform(get("/api/v1/patients/{id}/therapy-sessions", patient).with(TestStaff.as(this.therapist)))
			.andExpect(jsonPath("$[0].note").value("Intentions for the course."))
			.andExpect(jsonPath("$[0].addenda[0].text").value("Escort is her sister."))
			.andExpect(jsonPath("$[0].addenda[0].reason").value("left out"));
		assertThatThrownBy(() -> this.jdbc.sql("UPDATE therapy_sessions SET note = 'changed' WHERE id = ?::uuid")
			.params(session)
			.update()).rootCause().hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("DELETE FROM therapy_session_addenda WHERE session_id = ?::uuid")
			.params(session)
			.update()).rootCause().hasMessageContaining("append-only");
	}

	@Test
	void anotherClinicSeesNothing() throws Exception {
		UUID patient = this.fixtures.patient("main");
		String session = JsonPath.read(
				record(this.therapist, patient, "PREPARATION", minutesAgo(30), 60, "Private.", TestStaff.DEMO_PASSWORD)
					.andReturn()
					.getResponse()
					.getContentAsString(),
				"$.id");
		StaffPrincipal north = this.staff.demo("therapist.north");
		this.mvc.perform(get("/api/v1/patients/{id}/therapy-sessions", patient).with(TestStaff.as(north)))
			.andExpect(status().isNotFound());
		record(north, patient, "PREPARATION", minutesAgo(30), 60, "x", TestStaff.DEMO_PASSWORD)
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/v1/therapy-sessions/{id}/addenda", session).with(TestStaff.as(north))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"text\": \"x\", \"reason\": \"y\"}"))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/patients/{id}/therapy", patient).with(TestStaff.as(north)))
			.andExpect(status().isNotFound());
	}

	@Test
	void anInfusionWithoutAnIntegrationSessionAfterItIsDueUntilOneIsRecorded() throws Exception {
		UUID recent = this.fixtures.patient("main");
		attendedInfusion(recent, Duration.ofHours(30));
		UUID late = this.fixtures.patient("main");
		attendedInfusion(late, Duration.ofHours(80));
		UUID integratedBefore = this.fixtures.patient("main");
		record(this.therapist, integratedBefore, "INTEGRATION", minutesAgo(60 * 40), 50, "Before the infusion.",
				TestStaff.DEMO_PASSWORD)
			.andExpect(status().isCreated());
		attendedInfusion(integratedBefore, Duration.ofHours(20));

		String due = this.mvc.perform(get("/api/v1/therapy/integration-due").with(TestStaff.as(this.therapist)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(JsonPath.<Object>read(due, "$[?(@.patientId == '" + recent + "')].overdue").toString())
			.isEqualTo("[false]");
		assertThat(JsonPath.<Object>read(due, "$[?(@.patientId == '" + late + "')].overdue").toString())
			.isEqualTo("[true]");
		assertThat(due).contains(integratedBefore.toString());
		assertThat(audit(recent, "THERAPY_INTEGRATION_DUE_LISTED")).isOne();
		this.mvc.perform(get("/therapy").with(TestStaff.as(this.therapist)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/patients/" + recent + "/therapy")))
			.andExpect(content().string(containsString("overdue")));

		record(this.therapist, recent, "INTEGRATION", minutesAgo(10), 50, "After the infusion.",
				TestStaff.DEMO_PASSWORD)
			.andExpect(status().isCreated());
		this.mvc.perform(get("/api/v1/therapy/integration-due").with(TestStaff.as(this.therapist)))
			.andExpect(content().string(not(containsString(recent.toString()))))
			.andExpect(content().string(containsString(late.toString())));
		this.mvc.perform(get("/api/v1/therapy/integration-due").with(TestStaff.as(this.staff.demo("therapist.north"))))
			.andExpect(content().string(not(containsString(late.toString()))));
	}

	@Test
	void theSessionFormPutsErrorsBesideTheirFieldsAndKeepsWhatWasTyped() throws Exception {
		UUID patient = this.fixtures.patient("main");
		String mrn = this.jdbc.sql("SELECT mrn FROM patients WHERE id = ?")
			.params(patient)
			.query(String.class)
			.single();
		this.mvc.perform(get("/therapy").param("q", mrn).with(TestStaff.as(this.therapist)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/patients/" + patient + "/therapy\"")));
		submitSessionForm(patient, "fifty", "Kept text").andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"minutes-error\"")))
			.andExpect(content().string(containsString("must be a whole number of minutes")))
			.andExpect(content().string(containsString("Kept text")))
			.andExpect(content().string(not(containsString(TestStaff.DEMO_PASSWORD))));
		submitSessionForm(patient, "50", "").andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"note-error\"")));
		submitSessionForm(patient, "50", "Settled; sleeping better.").andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/patients/{id}/therapy", patient).with(TestStaff.as(this.therapist)))
			.andExpect(content().string(containsString("Settled; sleeping better.")))
			.andExpect(content().string(containsString("Signed by <span>Therapist (main)</span>")));
	}

	/** The page's form, as the therapist fills it in for an integration an hour ago. */
	private ResultActions submitSessionForm(UUID patient, String minutes, String note) throws Exception {
		return this.mvc.perform(post("/patients/{id}/therapy", patient).with(TestStaff.as(this.therapist))
			.with(csrf())
			.param("kind", "INTEGRATION")
			.param("heldAt", minutesAgo(60))
			.param("minutes", minutes)
			.param("note", note)
			.param("password", TestStaff.DEMO_PASSWORD));
	}

	private ResultActions record(StaffPrincipal who, UUID patient, String kind, String heldAt, int minutes, String note,
			String password) throws Exception {
		return this.mvc.perform(post("/api/v1/patients/{id}/therapy-sessions", patient).with(TestStaff.as(who))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"kind": "%s", "heldAt": "%s", "minutes": %d, "note": "%s", "password": "%s"}
					""".formatted(kind, heldAt, minutes, note, password)));
	}

	private String minutesAgo(int minutes) {
		return LocalDateTime.now(this.clock.withZone(this.therapist.clinicZone()))
			.minusMinutes(minutes)
			.truncatedTo(ChronoUnit.MINUTES)
			.toString();
	}

	private void attendedInfusion(UUID patient, Duration ago) {
		UUID appointment = this.fixtures.appointment("main", patient, this.clock.instant().minus(ago));
		this.jdbc.sql("UPDATE appointments SET status = 'ATTENDED' WHERE id = ?").params(appointment).update();
	}

	private int audit(UUID patient, String action) {
		return this.jdbc.sql("SELECT count(*) FROM audit_events WHERE patient_id = ? AND action = ?")
			.params(patient, action)
			.query(Integer.class)
			.single();
	}

}
