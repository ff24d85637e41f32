package org.ketacare.screening;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The screening API: decisions with reasons, invalid input refused field by field, the
 * physician's signed review, decisions never edited, supersession, approval expiry, audit
 * rows and tenant isolation.
 */
@KetaCareIntegrationTest
class ScreeningApiIT {

	static final String QUALIFYING = """
			{"pregnant": false, "breastfeeding": false, "bloodPressure": {"systolic": 128, "diastolic": 82},
			 "onBloodPressureTreatment": false, "heartDisease": "none", "previousKetamineReaction": false,
			 "psychosisHistory": false, "intracranialPressure": false, "substanceUseDisorder": false,
			 "severeLiverDisease": false, "uncontrolledHyperthyroidism": false, "raisedIntraocularPressure": false,
			 "aneurysmalVascularDisease": false, "seizureDisorder": false,
			 "antidepressantTrials": [
			   {"drug": "sertraline", "dailyDoseMg": 150, "weeks": 8, "adherence": "good", "doseAdequate": true,
			    "outcome": "no_response"},
			   {"drug": "venlafaxine", "dailyDoseMg": 225, "weeks": 10, "adherence": "good", "doseAdequate": true,
			    "outcome": "partial_response"}],
			 "augmentationTried": true, "doseChangesTried": true, "brainStimulation": ["tms", {"type": "ect"}],
			 "psychotherapyTried": true, "functionalImpairment": "very", "baselinePhq9": 19, "episodeMonths": 30}
			""";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aQualifyingCallerIsEligibleWithReasonsRulesAndMaudsleyScore() throws Exception {
		UUID patient = patient();
		screen(patient, QUALIFYING).andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").isString())
			.andExpect(jsonPath("$.decision").value("ELIGIBLE"))
			.andExpect(jsonPath("$.reasons[*].code", hasItems("TREATMENT_RESISTANT", "BLOOD_PRESSURE_CONTROLLED")))
			.andExpect(jsonPath("$.reasons[0].message").isString())
			.andExpect(jsonPath("$.rulesVersion").value("ketacare-eligibility/1"))
			.andExpect(jsonPath("$.maudsleyScore").value(9))
			.andExpect(jsonPath("$.maudsleyComplete").value(true));
		assertThat(patientStatus(patient)).isEqualTo("SCREENING");
	}

	@Test
	void theIssuesMinimalFieldsAreAcceptedAndWhatIsMissingIsNamed() throws Exception {
		String minimal = """
				{"pregnant": false, "bloodPressure": {"systolic": 120, "diastolic": 80}, "heartDisease": "none",
				 "previousKetamineReaction": false, "psychosisHistory": false, "intracranialPressure": false,
				 "antidepressantTrials": [{"drug": "sertraline", "dailyDoseMg": 150, "weeks": 8, "outcome": "no_response"},
				   {"drug": "escitalopram", "dailyDoseMg": 20, "weeks": 8, "outcome": "no_response"}],
				 "augmentationTried": false, "brainStimulation": [], "functionalImpairment": "extremely"}
				""";
		screen(patient(), minimal).andExpect(status().isCreated())
			.andExpect(jsonPath("$.decision").value("NEEDS_REVIEW"))
			.andExpect(jsonPath("$.reasons[*].code",
					hasItems("TRIAL_INCOMPLETE", "BREASTFEEDING_UNKNOWN", "SUBSTANCE_USE_DISORDER_UNKNOWN",
							"MAUDSLEY_SCORE_INCOMPLETE")))
			.andExpect(jsonPath("$.maudsleyScore").isNumber())
			.andExpect(jsonPath("$.maudsleyComplete").value(false));
	}

	@Test
	void aPregnantCallerIsIneligible() throws Exception {
		screen(patient(), QUALIFYING.replace("\"pregnant\": false", "\"pregnant\": true"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.decision").value("INELIGIBLE"))
			.andExpect(jsonPath("$.reasons[*].code", hasItem("PREGNANT")));
	}

	@Test
	void aMissingAnswerIsMissingInformationNotNo() throws Exception {
		screen(patient(), QUALIFYING.replace("\"psychosisHistory\": false,", ""))
			.andExpect(jsonPath("$.decision").value("NEEDS_REVIEW"))
			.andExpect(jsonPath("$.reasons[?(@.kind == 'MISSING')].code",
					containsInAnyOrder("PSYCHOSIS_HISTORY_UNKNOWN")));
	}

	@Test
	void invalidAnswersAreRefusedFieldByFieldAndNothingIsStored() throws Exception {
		UUID patient = patient();
		String invalid = QUALIFYING
			.replace("\"systolic\": 128, \"diastolic\": 82", "\"systolic\": 80, \"diastolic\": 95")
			.replace("\"heartDisease\": \"none\"", "\"heartDisease\": \"broken\"")
			.replace("\"outcome\": \"partial_response\"", "\"outcome\": \"cured\"")
			.replace("\"functionalImpairment\": \"very\"", "\"functionalImpairment\": \"lots\"")
			.replace("\"baselinePhq9\": 19", "\"baselinePhq9\": 28")
			.replace("{\"type\": \"ect\"}", "\"magnets\"");
		screen(patient, invalid).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field",
					containsInAnyOrder("bloodPressure.systolic", "heartDisease", "antidepressantTrials[1].outcome",
							"functionalImpairment", "baselinePhq9", "brainStimulation[1]")))
			.andExpect(jsonPath("$.errors[?(@.field == 'bloodPressure.systolic')].message")
				.value("must be above the diastolic pressure"))
			.andExpect(jsonPath("$.errors[?(@.field == 'heartDisease')].message")
				.value("must be one of none, stable, unstable"));
		assertThat(count("SELECT count(*) FROM screenings WHERE patient_id = ?", patient)).isZero();
		assertThat(patientStatus(patient)).isEqualTo("INQUIRY");
	}

	@Test
	void onlyIntakeRecordsAndOnlyAPhysicianReviews() throws Exception {
		UUID patient = patient();
		this.mvc
			.perform(post("/api/v1/patients/{id}/screenings", patient).with(TestStaff.as(this.staff.demo("nurse.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content(QUALIFYING))
			.andExpect(status().isForbidden());
		String screening = id(screen(patient, QUALIFYING));
		for (String username : List.of("intake.main", "nurse.main", "therapist.main", "admin.main")) {
			review(screening, this.staff.demo(username), "APPROVED", null, TestStaff.DEMO_PASSWORD)
				.andExpect(status().isForbidden());
		}
		assertThat(count("SELECT count(*) FROM screening_reviews WHERE screening_id = ?", UUID.fromString(screening)))
			.isZero();
	}

	@Test
	void aPhysicianApprovesWithTheirPasswordAndThePatientBecomesEligible() throws Exception {
		UUID patient = patient();
		String screening = id(screen(patient, QUALIFYING));
		StaffPrincipal physician = this.staff.create("main", Role.PHYSICIAN);

		review(screening, physician, "APPROVED", null, "not my password").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("password"));
		assertThat(patientStatus(patient)).isEqualTo("SCREENING");

		review(screening, physician, "APPROVED", null, TestStaff.PASSWORD).andExpect(status().isOk())
			.andExpect(jsonPath("$.review.decision").value("APPROVED"))
			.andExpect(jsonPath("$.review.physician").value(physician.displayName()))
			.andExpect(jsonPath("$.review.meaning").value("Approved for ketamine treatment"))
			.andExpect(jsonPath("$.review.signedAt").isString())
			.andExpect(jsonPath("$.review.againstResult").value(false));
		assertThat(patientStatus(patient)).isEqualTo("ELIGIBLE");
		assertThat(auditActions(patient)).contains("SCREENING_RECORDED", "SCREENING_REVIEWED",
				"PATIENT_STATUS_CHANGED");
	}

	@Test
	void approvingAgainstAnIneligibleResultNeedsAJustificationAndFlagsThePatient() throws Exception {
		UUID patient = patient();
		String screening = id(screen(patient,
				QUALIFYING.replace("\"intracranialPressure\": false", "\"intracranialPressure\": true")));
		StaffPrincipal physician = this.staff.demo("physician.main");

		review(screening, physician, "APPROVED", "  ", TestStaff.DEMO_PASSWORD).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("justification"));
		assertThat(count("SELECT count(*) FROM screening_reviews WHERE screening_id = ?", UUID.fromString(screening)))
			.isZero();

		review(screening, physician, "APPROVED", "Neurology cleared: pressure normal on repeat imaging",
				TestStaff.DEMO_PASSWORD)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.review.againstResult").value(true));
		this.mvc.perform(get("/api/v1/patients/{id}", patient).with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(jsonPath("$.flags[0].kind").value("APPROVED_AGAINST_RULES"))
			.andExpect(jsonPath("$.flags[0].text", org.hamcrest.Matchers.containsString("Neurology cleared")));
	}

	@Test
	void aDecisionIsNeverEditedAndTheDatabaseRefusesToChangeIt() throws Exception {
		UUID patient = patient();
		String screening = id(screen(patient, QUALIFYING));
		StaffPrincipal physician = this.staff.demo("physician.main");
		review(screening, physician, "DECLINED", "Prefers to try another medication first", TestStaff.DEMO_PASSWORD)
			.andExpect(status().isOk());
		assertThat(patientStatus(patient)).isEqualTo("DECLINED");

		review(screening, physician, "APPROVED", null, TestStaff.DEMO_PASSWORD).andExpect(status().isConflict());
		assertThatThrownBy(() -> this.jdbc.sql("UPDATE screenings SET outcome = 'INELIGIBLE' WHERE id = ?")
			.param(UUID.fromString(screening))
			.update()).hasStackTraceContaining("is append-only");
		assertThatThrownBy(
				() -> this.jdbc.sql("UPDATE screening_reviews SET decision = 'APPROVED' WHERE screening_id = ?")
					.param(UUID.fromString(screening))
					.update())
			.hasStackTraceContaining("is append-only");
		assertThatThrownBy(() -> this.jdbc.sql("DELETE FROM screening_reasons WHERE screening_id = ?")
			.param(UUID.fromString(screening))
			.update()).hasStackTraceContaining("is append-only");
	}

	@Test
	void aNewScreeningSupersedesTheOldOneAndTheHistoryStays() throws Exception {
		UUID patient = patient();
		String first = id(screen(patient, QUALIFYING.replace("\"pregnant\": false", "\"pregnant\": true")));
		String second = id(screen(patient, QUALIFYING));

		review(first, this.staff.demo("physician.main"), "DECLINED", null, TestStaff.DEMO_PASSWORD)
			.andExpect(status().isConflict());
		this.mvc
			.perform(get("/api/v1/patients/{id}/screenings", patient).with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value(second))
			.andExpect(jsonPath("$[0].supersedes").value(first))
			.andExpect(jsonPath("$[0].current").value(true))
			.andExpect(jsonPath("$[1].id").value(first))
			.andExpect(jsonPath("$[1].supersededBy").value(second))
			.andExpect(jsonPath("$[1].decision").value("INELIGIBLE"));
	}

	@Test
	void anApprovalExpiresAfterTheClinicsPeriodWithoutACourse() throws Exception {
		StaffPrincipal intake = this.staff.demo("intake.main");
		UUID patient = patient();
		String screening = id(screen(patient, QUALIFYING));
		review(screening, this.staff.demo("physician.main"), "APPROVED", null, TestStaff.DEMO_PASSWORD)
			.andExpect(status().isOk());
		assertThat(this.eligibility.currentApproval(intake.clinicId(), patient)).isPresent();

		// An approval signed 91 days ago, inserted as history: the default period is 90
		// days.
		UUID old = patient();
		UUID oldScreening = UUID.randomUUID();
		Instant signed = Instant.now().minus(Duration.ofDays(91)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		this.jdbc
			.sql("""
					INSERT INTO screenings (clinic_id, id, patient_id, screened_at, screened_by, screened_by_name,
					    age_years, answers, outcome, maudsley_minimum, maudsley_maximum, maudsley_missing, rule_set_id,
					    rules_version, rule_parameters)
					VALUES (?, ?, ?, ?, ?, 'Intake', 40, '{"ageYears": 40}'::jsonb, 'ELIGIBLE', 7, 7, '', 'ketacare-eligibility', 1, 'old')
					""")
			.params(intake.clinicId(), oldScreening, old, at(signed.minusSeconds(3600)), intake.staffId())
			.update();
		StaffPrincipal physician = this.staff.demo("physician.main");
		this.jdbc.sql("""
				INSERT INTO screening_reviews (clinic_id, id, screening_id, decision, reviewed_outcome, signed_by,
				    signer_name, signed_at, meaning)
				VALUES (?, ?, ?, 'APPROVED', 'ELIGIBLE', ?, 'Physician', ?, 'Approved for ketamine treatment')
				""")
			.params(intake.clinicId(), UUID.randomUUID(), oldScreening, physician.staffId(), at(signed))
			.update();

		assertThat(this.eligibility.currentApproval(intake.clinicId(), old)).isEmpty();
		assertThat(this.eligibility.latestApproval(intake.clinicId(), old)).get()
			.satisfies((approval) -> assertThat(approval.expiresAt()).isEqualTo(signed.plus(Duration.ofDays(90))));
	}

	@Test
	void northSeesNothingOfMainsScreenings() throws Exception {
		UUID patient = patient();
		String screening = id(screen(patient, QUALIFYING));
		StaffPrincipal northPhysician = this.staff.demo("physician.north");
		this.mvc.perform(get("/api/v1/screenings/{id}", screening).with(TestStaff.as(northPhysician)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/patients/{id}/screenings", patient).with(TestStaff.as(northPhysician)))
			.andExpect(status().isNotFound());
		review(screening, northPhysician, "APPROVED", null, TestStaff.DEMO_PASSWORD).andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/v1/patients/{id}/screenings", patient)
				.with(TestStaff.as(this.staff.demo("intake.north")))
				.contentType(MediaType.APPLICATION_JSON)
				.content(QUALIFYING))
			.andExpect(status().isNotFound());
		assertThat(count("SELECT count(*) FROM screenings WHERE patient_id = ?", patient)).isEqualTo(1);
	}

	@Test
	void everyReadIsAudited() throws Exception {
		UUID patient = patient();
		String screening = id(screen(patient, QUALIFYING));
		this.mvc.perform(get("/api/v1/screenings/{id}", screening).with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isOk());
		this.mvc
			.perform(get("/api/v1/patients/{id}/screenings", patient).with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isOk());
		assertThat(auditActions(patient)).contains("SCREENING_VIEWED", "SCREENINGS_LISTED");
	}

	@Autowired
	Eligibility eligibility;

	private UUID patient() throws Exception {
		String body = this.mvc
			.perform(post("/api/v1/patients").with(TestStaff.as(this.staff.demo("intake.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"givenName": "Sam", "familyName": "Screened%s", "birthDate": "1982-02-02",
						 "sexAtBirth": "female", "weightKg": 64, "heightCm": 165}
						""".formatted(UUID.randomUUID().toString().substring(0, 5))))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return UUID.fromString(JsonPath.read(body, "$.id"));
	}

	private ResultActions screen(UUID patient, String json) throws Exception {
		return this.mvc.perform(
				post("/api/v1/patients/{id}/screenings", patient).with(TestStaff.as(this.staff.demo("intake.main")))
					.contentType(MediaType.APPLICATION_JSON)
					.content(json));
	}

	private ResultActions review(String screening, StaffPrincipal as, String decision, String justification,
			String password) throws Exception {
		String body = "{\"decision\": \"" + decision + "\", \"password\": \"" + password + "\""
				+ ((justification != null) ? ", \"justification\": \"" + justification + "\"" : "") + "}";
		return this.mvc.perform(post("/api/v1/screenings/{id}/review", screening).with(TestStaff.as(as))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	private static String id(ResultActions result) throws Exception {
		return JsonPath.read(result.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(),
				"$.id");
	}

	private String patientStatus(UUID patient) {
		return this.jdbc.sql("SELECT status FROM patients WHERE id = ?").param(patient).query(String.class).single();
	}

	private long count(String sql, UUID id) {
		return this.jdbc.sql(sql).param(id).query(Long.class).single();
	}

	private List<String> auditActions(UUID patientId) {
		return this.jdbc.sql("SELECT action FROM audit_events WHERE patient_id = ? ORDER BY seq")
			.param(patientId)
			.query(String.class)
			.list();
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
