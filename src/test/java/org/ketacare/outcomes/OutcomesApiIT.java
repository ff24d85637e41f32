package org.ketacare.outcomes;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The outcomes API other systems rely on: record a response, get 400 naming the item for
 * bad answers with nothing saved, read outcomes and definitions; every read and change
 * audited; another clinic sees nothing.
 */
@KetaCareIntegrationTest
class OutcomesApiIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	OutcomePatients patients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Responses responses;

	@Autowired
	Clock clock;

	@Test
	void aNurseRecordsABaselinePhq9AndGetsItsScore() throws Exception {
		UUID patient = this.patients.newPatient("main");
		record(nurse(), patient,
				"{\"instrument\":\"PHQ-9\",\"answers\":[1,2,0,3,1,0,2,1,0],\"timePoint\":\"baseline\"}")
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", containsString("/api/v1/patients/" + patient + "/responses/")))
			.andExpect(jsonPath("$.id").isString())
			.andExpect(jsonPath("$.total").value(10))
			.andExpect(jsonPath("$.severity").value("Moderate"))
			.andExpect(jsonPath("$.complete").value(true))
			.andExpect(jsonPath("$.flags").isEmpty())
			.andExpect(jsonPath("$.timePoint").value("baseline"))
			.andExpect(jsonPath("$.answeredBy").value("patient"));
		assertThat(auditActions(patient)).contains("RESPONSE_RECORDED");
	}

	@Test
	void anIncompleteResponseIsStoredAsIncompleteWithoutATotal() throws Exception {
		UUID patient = this.patients.newPatient("main");
		record(nurse(), patient,
				"{\"instrument\":\"PHQ-9\",\"answers\":[1,2,0,3,null,0,2,1,0],\"timePoint\":\"pre-infusion-2\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.complete").value(false))
			.andExpect(jsonPath("$.total").isEmpty())
			.andExpect(jsonPath("$.severity").isEmpty());
	}

	@Test
	void anAnswerOutOfRangeIsRefusedNamingTheItemAndNothingIsSaved() throws Exception {
		UUID patient = this.patients.newPatient("main");
		record(nurse(), patient,
				"{\"instrument\":\"PHQ-9\",\"answers\":[1,2,0,4,1,0,2,1,0],\"timePoint\":\"baseline\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("answers[3]"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("item 4")))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("must be one of 0, 1, 2, 3")));
		assertThat(responseCount(patient)).isZero();
	}

	@Test
	void theWrongNumberOfAnswersIsRefused() throws Exception {
		UUID patient = this.patients.newPatient("main");
		record(nurse(), patient, "{\"instrument\":\"GAD-7\",\"answers\":[1,2,0],\"timePoint\":\"baseline\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("answers"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("must have 7 answers")));
		assertThat(responseCount(patient)).isZero();
	}

	@Test
	void aFractionOrWordIsRefusedNamingItsItemNeverRounded() throws Exception {
		UUID patient = this.patients.newPatient("main");
		record(nurse(), patient,
				"{\"instrument\":\"PHQ-9\",\"answers\":[1,2.5,0,1,1,0,\"x\",1,0],\"timePoint\":\"baseline\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("answers[1]")))
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("answers[6]")));
		assertThat(responseCount(patient)).isZero();
	}

	@Test
	void everyBadFieldIsNamedAtOnce() throws Exception {
		UUID patient = this.patients.newPatient("main");
		record(nurse(), patient, "{\"instrument\":\"PHQ-10\",\"answers\":[1],\"timePoint\":\"later\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("instrument")))
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("timePoint")));
		record(physician(), patient,
				"{\"instrument\":\"MADRS\",\"answers\":[0,0,0,0,0,0,0,0,0,0],"
						+ "\"timePoint\":\"baseline\",\"answeredBy\":\"patient\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("answeredBy"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("MADRS is answered by a clinician")));
		assertThat(responseCount(patient)).isZero();
	}

	@Test
	void aPositiveItemNineRaisesAnAlertAndAFlag() throws Exception {
		UUID patient = this.patients.newPatient("main");
		record(nurse(), patient,
				"{\"instrument\":\"PHQ-9\",\"answers\":[0,0,0,0,0,0,0,0,2],\"timePoint\":\"baseline\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.flags[0]").value("SUICIDE_ITEM_POSITIVE"));
		assertThat(this.jdbc.sql("SELECT flag FROM outcome_safety_alerts WHERE patient_id = ?")
			.param(patient)
			.query(String.class)
			.list()).containsExactly("SUICIDE_ITEM_POSITIVE");
		assertThat(auditActions(patient)).contains("SAFETY_ALERT_RAISED");
	}

	@Test
	void outcomesShowBaselineLatestChangeResponseAndRemission() throws Exception {
		UUID patient = this.patients.newPatient("main");
		record(nurse(), patient, phq9("baseline", 3, 3, 2, 2, 2, 2, 2, 2, 0)).andExpect(status().isCreated());
		record(nurse(), patient, phq9("pre-infusion-3", 2, 2, 1, 1, 1, 1, 1, 1, 0)).andExpect(status().isCreated());
		record(nurse(), patient, phq9("post-induction", 1, 1, 1, 0, 0, 0, 0, 1, 0)).andExpect(status().isCreated());
		this.mvc.perform(get("/api/v1/patients/{id}/outcomes", patient).with(TestStaff.as(therapist())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.instruments[0].instrument").value("PHQ-9"))
			.andExpect(jsonPath("$.instruments[0].series.length()").value(3))
			.andExpect(jsonPath("$.instruments[0].baseline.total").value(18))
			.andExpect(jsonPath("$.instruments[0].latest.total").value(4))
			.andExpect(jsonPath("$.instruments[0].latest.timePoint").value("post-induction"))
			.andExpect(jsonPath("$.instruments[0].change").value(-14))
			.andExpect(jsonPath("$.instruments[0].changePercent").value(-77.8))
			.andExpect(jsonPath("$.instruments[0].response").value(true))
			.andExpect(jsonPath("$.instruments[0].remission").value(true));
		assertThat(auditActions(patient)).contains("OUTCOMES_VIEWED");
	}

	@Test
	void aCorrectionReplacesTheOriginalInTheSeriesAndKeepsIt() throws Exception {
		UUID patient = this.patients.newPatient("main");
		String original = JsonPath
			.read(record(nurse(), patient, phq9("baseline", 3, 3, 3, 3, 3, 3, 3, 3, 0)).andReturn()
				.getResponse()
				.getContentAsString(), "$.id");
		record(nurse(), patient,
				"{\"instrument\":\"PHQ-9\",\"answers\":[1,1,1,1,1,1,1,1,0],\"timePoint\":\"baseline\","
						+ "\"corrects\":\"" + original + "\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("correctionReason"));
		record(nurse(), patient,
				"{\"instrument\":\"PHQ-9\",\"answers\":[1,1,1,1,1,1,1,1,0],\"timePoint\":\"baseline\","
						+ "\"corrects\":\"" + original + "\",\"correctionReason\":\"typed from the wrong sheet\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.corrects").value(original))
			.andExpect(jsonPath("$.total").value(8));
		record(nurse(), patient,
				"{\"instrument\":\"PHQ-9\",\"answers\":[1,1,1,1,1,1,1,1,1],\"timePoint\":\"baseline\","
						+ "\"corrects\":\"" + original + "\",\"correctionReason\":\"again\"}")
			.andExpect(status().isConflict());
		this.mvc.perform(get("/api/v1/patients/{id}/outcomes", patient).with(TestStaff.as(nurse())))
			.andExpect(jsonPath("$.instruments[0].series.length()").value(1))
			.andExpect(jsonPath("$.instruments[0].baseline.total").value(8));
		this.mvc.perform(get("/api/v1/patients/{p}/responses/{r}", patient, original).with(TestStaff.as(nurse())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(24))
			.andExpect(jsonPath("$.correctedBy").isString());
		assertThat(auditActions(patient)).contains("RESPONSE_CORRECTED", "RESPONSE_VIEWED");
	}

	@Test
	void theDatabaseRefusesToChangeOrRemoveAResponse() throws Exception {
		UUID patient = this.patients.newPatient("main");
		record(nurse(), patient, phq9("baseline", 1, 1, 1, 1, 1, 1, 1, 1, 0)).andExpect(status().isCreated());
		assertThatThrownBy(() -> this.jdbc.sql("UPDATE outcome_responses SET total = 0 WHERE patient_id = ?")
			.param(patient)
			.update()).rootCause().hasMessageContaining("append-only");
		assertThatThrownBy(
				() -> this.jdbc.sql("DELETE FROM outcome_responses WHERE patient_id = ?").param(patient).update())
			.rootCause()
			.hasMessageContaining("append-only");
	}

	@Test
	void anotherClinicSeesNothingAndCannotRecord() throws Exception {
		UUID patient = this.patients.newPatient("main");
		record(nurse(), patient, phq9("baseline", 1, 1, 1, 1, 1, 1, 1, 1, 0)).andExpect(status().isCreated());
		StaffPrincipal northNurse = this.staff.demo("nurse.north");
		this.mvc.perform(get("/api/v1/patients/{id}/outcomes", patient).with(TestStaff.as(northNurse)))
			.andExpect(status().isNotFound());
		record(northNurse, patient, phq9("baseline", 1, 1, 1, 1, 1, 1, 1, 1, 0)).andExpect(status().isNotFound());
		assertThat(responseCount(patient)).isOne();
	}

	@Test
	void theDefinitionsAreReadable() throws Exception {
		this.mvc.perform(get("/api/v1/instruments").with(TestStaff.as(this.staff.demo("admin.main"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.code == 'PHQ-9')].loincTotal").value(hasItem("44261-6")))
			.andExpect(jsonPath("$[?(@.code == 'PHQ-9')].respondent").value(hasItem("self")))
			.andExpect(jsonPath("$[?(@.code == 'QIDS-SR16')].scoring.rule").value(hasItem("max-within-domains")))
			.andExpect(jsonPath("$[?(@.code == 'C-SSRS')].riskLevels.levels[3]").value(hasItem("High")))
			.andExpect(jsonPath("$.length()").value(6));
	}

	@Test
	void theLatestResponseSinceATimeIsTheNewestCurrentOneOnThatInstrument() throws Exception {
		UUID patient = this.patients.newPatient("main");
		Instant before = this.clock.instant().minusSeconds(1);
		assertThat(latestSince(nurse().clinicId(), patient, "PHQ-9", before)).isEmpty();
		record(nurse(), patient, phq9("pre-infusion-1", 1, 1, 1, 1, 1, 1, 1, 1, 0)).andExpect(status().isCreated());
		String newest = record(nurse(), patient, phq9("pre-infusion-1", 0, 0, 0, 0, 0, 0, 0, 0, 2))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(latestSince(nurse().clinicId(), patient, "PHQ-9", before).orElseThrow().id())
			.hasToString(JsonPath.read(newest, "$.id"));
		assertThat(latestSince(nurse().clinicId(), patient, "C-SSRS", before)).isEmpty();
		assertThat(latestSince(nurse().clinicId(), patient, "PHQ-9", this.clock.instant().plusSeconds(60))).isEmpty();
		assertThat(latestSince(this.staff.demo("nurse.north").clinicId(), patient, "PHQ-9", before)).isEmpty();
	}

	private Optional<ResponseRecord> latestSince(UUID clinicId, UUID patient, String instrument, Instant since) {
		return this.responses.current(clinicId, patient, List.of("PHQ-9", "C-SSRS")).latestSince(instrument, since);
	}

	private ResultActions record(StaffPrincipal as, UUID patient, String json) throws Exception {
		return this.mvc.perform(post("/api/v1/patients/{id}/responses", patient).with(TestStaff.as(as))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	static String phq9(String timePoint, int... answers) {
		return "{\"instrument\":\"PHQ-9\",\"answers\":" + Arrays.toString(answers) + ",\"timePoint\":\"" + timePoint
				+ "\"}";
	}

	private StaffPrincipal nurse() {
		return this.staff.demo("nurse.main");
	}

	private StaffPrincipal physician() {
		return this.staff.demo("physician.main");
	}

	private StaffPrincipal therapist() {
		return this.staff.demo("therapist.main");
	}

	private int responseCount(UUID patient) {
		return this.jdbc.sql("SELECT count(*) FROM outcome_responses WHERE patient_id = ?")
			.param(patient)
			.query(Integer.class)
			.single();
	}

	private List<String> auditActions(UUID patientId) {
		return this.jdbc.sql("SELECT action FROM audit_events WHERE patient_id = ? ORDER BY seq")
			.param(patientId)
			.query(String.class)
			.list();
	}

}
