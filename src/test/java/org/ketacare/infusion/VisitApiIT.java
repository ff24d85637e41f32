package org.ketacare.infusion;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.course.Courses;
import org.ketacare.course.Protocols;
import org.ketacare.ledger.Ledger;
import org.ketacare.ledger.Vial;
import org.ketacare.ledger.VisitAccount;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@KetaCareIntegrationTest
class VisitApiIT {

	private static final String ESCORT = "\"escortName\": \"Sam Lee\", \"escortPhone\": \"555-0100\"";

	private static final String CHECKS = "{\"fasting\": true, \"pregnancyTest\": \"not_applicable\", \"newMedications\": []}";

	private static final String GOOD_VITALS = "{\"systolic\": 128, \"diastolic\": 82, \"heartRate\": 72, \"spo2\": 98, \"respiratoryRate\": 14}";

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

	@Autowired
	Courses courses;

	@Autowired
	PatientRegistry patients;

	@Autowired
	Visits visits;

	InfusionFixtures fixtures;

	StaffPrincipal nurse;

	StaffPrincipal physician;

	StaffPrincipal checker;

	@BeforeEach
	void setUp() {
		this.fixtures = new InfusionFixtures(this.mvc, this.staff, this.jdbc, this.ledger, this.clock, this.protocols);
		this.nurse = this.staff.demo("nurse.main");
		this.physician = this.staff.demo("physician.main");
		this.checker = this.staff.create("main", Role.NURSE);
	}

	@Test
	void aWholeVisitFromCheckInToTheClosedChart() throws Exception {
		UUID visit = readyForDose();
		String order = post(this.physician, "/api/v1/visits/" + visit + "/dose-order",
				"{\"mgPerKg\": 0.5, \"weightBasis\": \"actual\", \"password\": \"ketacare-demo\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.doseMg").value(40.0))
			.andExpect(jsonPath("$.rateMgPerHour").value(60.0))
			.andExpect(jsonPath("$.rateMlPerHour").value(150.0))
			.andExpect(jsonPath("$.durationMinutes").value(40))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(order).contains("0.5 mg/kg × 80 kg = 40 mg");
		Vial vial = this.fixtures.vial("main");
		prepare(visit, vial, "45").andExpect(status().isCreated());
		Instant now = this.clock.instant();
		post(this.nurse, "/api/v1/visits/" + visit + "/infusion",
				"{\"kind\": \"start\", \"at\": \"" + now.minus(Duration.ofMinutes(101)) + "\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("INFUSING"));
		String vitals = post(this.nurse, "/api/v1/visits/" + visit + "/vitals",
				"{\"systolic\": 150, \"diastolic\": 90, \"heartRate\": 118, \"spo2\": 97, \"respiratoryRate\": 16}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.alarms", hasSize(1)))
			.andExpect(jsonPath("$.alarms[0].code").value("TACHYCARDIA"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String alarm = JsonPath.read(vitals, "$.alarms[0].id");
		post(this.nurse, "/api/v1/visits/" + visit + "/alarms/" + alarm + "/response",
				"{\"response\": \"Patient anxious, reassured; pulse settling\", \"pause\": false}")
			.andExpect(status().isCreated());
		post(this.nurse, "/api/v1/visits/" + visit + "/assessments", "{\"cadss\": [1, 2, 0, 1, 0, 0], \"moaas\": 4}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.cadssTotal").value(4));
		post(this.nurse, "/api/v1/visits/" + visit + "/adverse-events",
				"{\"type\": \"nausea_vomiting\", \"severity\": \"mild\", \"action\": \"ondansetron 4 mg\", \"outcome\": \"resolved\"}")
			.andExpect(status().isCreated());
		post(this.nurse, "/api/v1/visits/" + visit + "/infusion",
				"{\"kind\": \"stop\", \"at\": \"" + now.minus(Duration.ofMinutes(61)) + "\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("RECOVERY"))
			.andExpect(jsonPath("$.administeredMg").value(40.0));
		post(this.nurse, "/api/v1/visits/" + visit + "/waste",
				"{\"method\": \"expelled into the waste container\", " + "\"witnessUsername\": \""
						+ this.checker.username() + "\", \"witnessPassword\": \"" + TestStaff.PASSWORD + "\"}")
			.andExpect(status().isCreated());
		post(this.nurse, "/api/v1/visits/" + visit + "/discharge", discharge("ketacare-demo"))
			.andExpect(status().isCreated());
		byte[] pdf = this.mvc.perform(get("/visits/{id}/discharge.pdf", visit).with(TestStaff.as(this.nurse)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		post(this.nurse, "/api/v1/visits/" + visit + "/signatures", "{\"password\": \"ketacare-demo\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("DISCHARGED"));
		post(this.nurse, "/api/v1/visits/" + visit + "/signatures", "{\"password\": \"ketacare-demo\"}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("already")));
		post(this.physician, "/api/v1/visits/" + visit + "/signatures", "{\"password\": \"ketacare-demo\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("CLOSED"));

		VisitAccount account = this.ledger.visit(this.nurse.clinicId(), visit);
		assertThat(account.closed()).isTrue();
		assertThat(account.administeredMg()).isEqualByComparingTo("40.0");
		assertThat(account.wastedMg()).isEqualByComparingTo("5.0");

		post(this.nurse, "/api/v1/visits/" + visit + "/vitals", GOOD_VITALS).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("amendments")));
		post(this.nurse, "/api/v1/visits/" + visit + "/adverse-events",
				"{\"type\": \"anxiety\", \"severity\": \"mild\", \"action\": \"talked\", \"outcome\": \"resolved\"}")
			.andExpect(status().isConflict());
		String vitalsId = JsonPath.read(vitals, "$.id");
		post(this.nurse, "/api/v1/visits/" + visit + "/amendments",
				"{\"target\": \"vitals\", \"targetId\": \"" + vitalsId
						+ "\", \"field\": \"heartRate\", \"value\": \"108\", \"reason\": \"Misread the monitor\"}")
			.andExpect(status().isCreated());
		String signed = this.mvc.perform(get("/api/v1/visits/{id}", visit).with(TestStaff.as(this.nurse)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		amend(visit, "adverse-event", JsonPath.read(signed, "$.adverseEvents[0].id"), "outcome",
				"resolved after 20 minutes", "Outcome was charted before it settled")
			.andExpect(status().isCreated());
		amend(visit, "visit", null, "addendum", "Patient asked for the next session at a later hour",
				"Told to the nurse at the door, after the signatures")
			.andExpect(status().isCreated());

		this.mvc.perform(get("/api/v1/visits/{id}", visit).with(TestStaff.as(this.physician)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.visit.status").value("CLOSED"))
			.andExpect(jsonPath("$.signatures", hasSize(2)))
			.andExpect(jsonPath("$.amendments[0].originalValue").value("118"))
			.andExpect(jsonPath("$.amendments[0].correctedValue").value("108"))
			.andExpect(jsonPath("$.amendments", hasSize(3)))
			.andExpect(jsonPath("$.adverseEvents[0].outcome").value("resolved"))
			.andExpect(jsonPath("$.vitals[1].heartRate").value(118))
			.andExpect(jsonPath("$.doseOrder.signerName").isNotEmpty())
			.andExpect(jsonPath("$.events", hasSize(2)));

		assertThatThrownBy(() -> this.jdbc.sql("UPDATE infusion_dose_orders SET dose_mg = 80 WHERE visit_id = ?")
			.params(visit)
			.update()).rootCause().hasMessageContaining("append-only");
		assertThatThrownBy(
				() -> this.jdbc.sql("UPDATE infusion_visits SET weight_kg = 90 WHERE id = ?").params(visit).update())
			.rootCause()
			.hasMessageContaining("closed");
		Integer audited = this.jdbc
			.sql("SELECT count(*) FROM audit_events WHERE patient_id = "
					+ "(SELECT patient_id FROM infusion_visits WHERE id = ?) AND action LIKE 'VISIT_%'")
			.params(visit)
			.query(Integer.class)
			.single();
		assertThat(audited).isGreaterThanOrEqualTo(15);
	}

	@Test
	void withoutAnEscortTheDoseWaitsForAPhysicianOverride() throws Exception {
		UUID visit = checkIn("main", "{\"identityConfirmed\": true, \"weightKg\": 80}");
		post(this.nurse, "/api/v1/visits/" + visit + "/checks", CHECKS).andExpect(status().isCreated());
		post(this.nurse, "/api/v1/visits/" + visit + "/vitals", GOOD_VITALS).andExpect(status().isCreated());
		orderDose(visit, "0.5", null).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("No escort")));
		post(this.nurse, "/api/v1/visits/" + visit + "/overrides",
				"{\"kind\": \"escort\", \"reason\": \"Taxi booked by the clinic\", \"password\": \"ketacare-demo\"}")
			.andExpect(status().isForbidden());
		post(this.physician, "/api/v1/visits/" + visit + "/overrides",
				"{\"kind\": \"escort\", \"reason\": \"Taxi booked by the clinic\", \"password\": \"ketacare-demo\"}")
			.andExpect(status().isCreated());
		orderDose(visit, "0.5", null).andExpect(status().isCreated());
	}

	@Test
	void aHighBloodPressureBlocksTheDoseUntilReMeasuredBelowTheLimit() throws Exception {
		UUID visit = checkIn("main", "{\"identityConfirmed\": true, \"weightKg\": 80, " + ESCORT + "}");
		post(this.nurse, "/api/v1/visits/" + visit + "/checks", CHECKS).andExpect(status().isCreated());
		post(this.nurse, "/api/v1/visits/" + visit + "/vitals",
				"{\"systolic\": 152, \"diastolic\": 94, \"heartRate\": 80, \"spo2\": 98, \"respiratoryRate\": 14}")
			.andExpect(status().isCreated());
		orderDose(visit, "0.5", null).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("152/94 mmHg is above 140/90")));
		post(this.nurse, "/api/v1/visits/" + visit + "/vitals", GOOD_VITALS).andExpect(status().isCreated());
		orderDose(visit, "0.5", null).andExpect(status().isCreated());
	}

	@Test
	void aMissingChecklistOrPregnancyTestBlocksTheDose() throws Exception {
		UUID patient = this.fixtures.patient("main", "female", true, new BigDecimal("64"), new BigDecimal("165"));
		UUID visit = checkInPatient(patient, "{\"identityConfirmed\": true, \"weightKg\": 64, " + ESCORT + "}");
		post(this.nurse, "/api/v1/visits/" + visit + "/vitals", GOOD_VITALS).andExpect(status().isCreated());
		orderDose(visit, "0.5", null).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("checklist is missing")));
		post(this.nurse, "/api/v1/visits/" + visit + "/checks", CHECKS).andExpect(status().isCreated());
		orderDose(visit, "0.5", null).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("pregnancy test result is missing")));
		post(this.nurse, "/api/v1/visits/" + visit + "/checks",
				"{\"fasting\": true, \"pregnancyTest\": \"positive\", \"newMedications\": [\"Lorazepam 1 mg\"]}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.flagged[0]").value("Benzodiazepine: Lorazepam 1 mg"));
		orderDose(visit, "0.5", null).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("pregnancy test is positive")));
		post(this.nurse, "/api/v1/visits/" + visit + "/checks",
				"{\"fasting\": true, \"pregnancyTest\": \"negative\", \"newMedications\": []}")
			.andExpect(status().isCreated());
		orderDose(visit, "0.5", null).andExpect(status().isCreated()).andExpect(jsonPath("$.doseMg").value(32.0));
	}

	@Test
	void aDoseAboveTheClinicsRangeNeedsAReason() throws Exception {
		UUID visit = readyForDose();
		orderDose(visit, "1.2", null).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail", containsString("outside the clinic's range 0.1–1 mg/kg")));
		assertThat(chartStatus(visit)).isEqualTo("CHECKED_IN");
		orderDose(visit, "1.2", "Partial response at 1.0 mg/kg over four sessions").andExpect(status().isCreated())
			.andExpect(jsonPath("$.doseMg").value(96.0));
	}

	@Test
	void idealWeightIsRefusedBelowTheBmiThresholdAndUsedAboveIt() throws Exception {
		UUID visit = readyForDose();
		orderDose(visit, "0.5", null, "ideal").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail", containsString("BMI of 30 or more")));
		UUID heavy = this.fixtures.patient("main", "male", false, new BigDecimal("130"), new BigDecimal("180"));
		UUID other = checkInPatient(heavy, "{\"identityConfirmed\": true, \"weightKg\": 130, " + ESCORT + "}");
		post(this.nurse, "/api/v1/visits/" + other + "/checks", CHECKS).andExpect(status().isCreated());
		post(this.nurse, "/api/v1/visits/" + other + "/vitals", GOOD_VITALS).andExpect(status().isCreated());
		// Devine: 50 + 2.3 × (180 / 2.54 − 60) = 75.0 kg; 0.5 mg/kg → 37.5 mg.
		orderDose(other, "0.5", null, "ideal").andExpect(status().isCreated())
			.andExpect(jsonPath("$.basisWeightKg").value(75.0))
			.andExpect(jsonPath("$.doseMg").value(37.5));
	}

	@Test
	void anExpiredVialIsRefusedAndNothingIsWritten() throws Exception {
		UUID visit = readyForDose();
		orderDose(visit, "0.5", null).andExpect(status().isCreated());
		prepare(visit, this.fixtures.expiredVial("main"), "40").andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("expired")));
		this.mvc.perform(get("/api/v1/visits/{id}", visit).with(TestStaff.as(this.nurse)))
			.andExpect(jsonPath("$.visit.status").value("ORDERED"))
			.andExpect(jsonPath("$.draws", hasSize(0)))
			.andExpect(jsonPath("$.preparation").doesNotExist());
		prepare(visit, this.fixtures.vial("main"), "30").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail", containsString("less than the 40 mg ordered")));
	}

	@Test
	void impossibleVitalsAreRefusedNamingTheField() throws Exception {
		UUID visit = checkIn("main", "{\"identityConfirmed\": true, \"weightKg\": 80, " + ESCORT + "}");
		post(this.nurse, "/api/v1/visits/" + visit + "/vitals",
				"{\"systolic\": 120, \"diastolic\": 80, \"heartRate\": 70, \"spo2\": 101, \"respiratoryRate\": 14}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("spo2"));
		post(this.nurse, "/api/v1/visits/" + visit + "/vitals",
				"{\"systolic\": 70, \"diastolic\": 80, \"heartRate\": 70, \"spo2\": 99, \"respiratoryRate\": 14}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("systolic"));
		post(this.nurse, "/api/v1/visits/" + visit + "/vitals",
				"{\"systolic\": 120, \"diastolic\": 80, \"heartRate\": 0, \"spo2\": 99, \"respiratoryRate\": 14}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("heartRate"));
		this.mvc.perform(get("/api/v1/visits/{id}", visit).with(TestStaff.as(this.nurse)))
			.andExpect(jsonPath("$.vitals", hasSize(0)));
	}

	@Test
	void checkInOpensAnHourBeforeTheStartAndOnlyOnce() throws Exception {
		UUID patient = this.fixtures.patient("main");
		UUID later = this.fixtures.appointment("main", patient, this.clock.instant().plus(Duration.ofMinutes(90)));
		post(this.nurse, "/api/v1/appointments/" + later + "/visit", "{\"identityConfirmed\": true, \"weightKg\": 80}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("60 minutes before")));
		UUID visit = checkInPatient(this.fixtures.patient("main"), "{\"identityConfirmed\": true, \"weightKg\": 80}");
		UUID appointment = UUID
			.fromString(JsonPath.read(this.mvc.perform(get("/api/v1/visits/{id}", visit).with(TestStaff.as(this.nurse)))
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.visit.appointmentId"));
		post(this.nurse, "/api/v1/appointments/" + appointment + "/visit",
				"{\"identityConfirmed\": true, \"weightKg\": 80}")
			.andExpect(status().isConflict());
		post(this.nurse, "/api/v1/appointments/" + UUID.randomUUID() + "/visit",
				"{\"identityConfirmed\": true, \"weightKg\": 0}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("weightKg"));
	}

	@Test
	void checkInMarksTheAppointmentAttendedAndAddsTodaysWeightToTheHistory() throws Exception {
		UUID patient = this.fixtures.patient("main");
		// Half an hour ahead, but on the clinic's today: check-in is refused before the
		// appointment's day, and the suite may run just before the clinic's midnight.
		ZonedDateTime now = this.clock.instant().atZone(this.nurse.clinicZone());
		Instant lastMinuteToday = now.toLocalDate().plusDays(1).atStartOfDay(now.getZone()).minusMinutes(1).toInstant();
		Instant start = this.clock.instant().plus(Duration.ofMinutes(30));
		UUID appointment = this.fixtures.appointment("main", patient,
				start.isBefore(lastMinuteToday) ? start : lastMinuteToday);
		post(this.nurse, "/api/v1/appointments/" + appointment + "/visit",
				"{\"identityConfirmed\": true, \"weightKg\": 82.5}")
			.andExpect(status().isCreated());
		assertThat(this.jdbc.sql("SELECT status FROM appointments WHERE id = ?")
			.param(appointment)
			.query(String.class)
			.single()).isEqualTo("ATTENDED");
		assertThat(this.jdbc
			.sql("SELECT weight_kg FROM patient_measurements WHERE patient_id = ? ORDER BY recorded_at DESC")
			.param(patient)
			.query(BigDecimal.class)
			.list()).hasSize(2).first().isEqualTo(new BigDecimal("82.5"));
		assertThat(this.patients.get(this.nurse.clinicId(), patient).latestMeasurement().orElseThrow().heightCm())
			.isEqualByComparingTo("180");
	}

	@Test
	void aVisitsWeightIsRecordedByANurseOrAPhysicianAndCheckInIsOnTheAppointmentsDay() throws Exception {
		UUID patient = this.fixtures.patient("main");
		assertThatThrownBy(
				() -> this.patients.recordVisitWeight(this.staff.demo("intake.main"), patient, new BigDecimal("80")))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(this.patients.recordVisitWeight(this.physician, patient, new BigDecimal("79.9"))).isPresent();
		UUID tomorrow = this.fixtures.appointment("main", patient, this.clock.instant().plus(Duration.ofDays(2)));
		assertThatThrownBy(() -> this.courses.recordCheckIn(this.nurse, tomorrow))
			.isInstanceOf(ConflictException.class);
		assertThatThrownBy(() -> this.courses.recordAttended(this.nurse, tomorrow))
			.isInstanceOf(ConflictException.class);
	}

	@Test
	void aPositiveSuicideItemBlocksTheDoseUntilAPhysicianOverridesWithASignedReason() throws Exception {
		UUID visit = readyForDose();
		UUID patient = patientOf(visit);
		respond(patient, "PHQ-9", "[0, 0, 0, 0, 0, 0, 0, 0, 1]");
		this.mvc.perform(get("/api/v1/visits/{id}", visit).with(TestStaff.as(this.nurse)))
			.andExpect(jsonPath("$.questionnaires[0].instrument").value("PHQ-9"))
			.andExpect(jsonPath("$.questionnaires[0].total").value(1))
			.andExpect(jsonPath("$.questionnaires[0].flags[0]").value("SUICIDE_ITEM_POSITIVE"))
			.andExpect(jsonPath("$.questionnaires[1].instrument").value("C-SSRS"))
			.andExpect(jsonPath("$.questionnaires[1].responseId").doesNotExist());
		orderDose(visit, "0.5", null).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("PHQ-9 item 9")));
		String override = "{\"kind\": \"suicide_risk\", \"reason\": \"Passive thoughts, no plan; safety plan reviewed\", \"password\": \"ketacare-demo\"}";
		post(this.nurse, "/api/v1/visits/" + visit + "/overrides", override).andExpect(status().isForbidden());
		post(this.physician, "/api/v1/visits/" + visit + "/overrides",
				"{\"kind\": \"suicide_risk\", \"reason\": \"Assessed\", \"password\": \"wrong\"}")
			.andExpect(status().is4xxClientError());
		orderDose(visit, "0.5", null).andExpect(status().isConflict());
		post(this.physician, "/api/v1/visits/" + visit + "/overrides", override).andExpect(status().isCreated());
		orderDose(visit, "0.5", null).andExpect(status().isCreated());
	}

	@Test
	void aModerateOrHighSuicideRiskScreenBlocksTheDoseAndAnOverrideCountsOnlyForEarlierAnswers() throws Exception {
		UUID visit = readyForDose();
		UUID patient = patientOf(visit);
		respond(patient, "C-SSRS", "[1, 1, 1, 0, 0, 0, 0]");
		orderDose(visit, "0.5", null).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("C-SSRS")));
		post(this.physician, "/api/v1/visits/" + visit + "/overrides",
				"{\"kind\": \"suicide_risk\", \"reason\": \"Assessed by the physician\", \"password\": \"ketacare-demo\"}")
			.andExpect(status().isCreated());
		respond(patient, "C-SSRS", "[1, 1, 1, 1, 0, 0, 0]");
		orderDose(visit, "0.5", null).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("C-SSRS")));
	}

	private UUID patientOf(UUID visit) throws Exception {
		return UUID
			.fromString(JsonPath.read(this.mvc.perform(get("/api/v1/visits/{id}", visit).with(TestStaff.as(this.nurse)))
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.visit.patientId"));
	}

	private void respond(UUID patient, String instrument, String answers) throws Exception {
		post(this.nurse, "/api/v1/patients/" + patient + "/responses", "{\"instrument\": \"" + instrument
				+ "\", \"answers\": " + answers + ", \"timePoint\": \"pre-infusion-1\"}")
			.andExpect(status().isCreated());
	}

	@Test
	void thePatientsChartsReadTogetherAreTheChartsOfEachVisit() throws Exception {
		UUID patient = this.fixtures.patient("main");
		respond(patient, "PHQ-9", "[1, 1, 1, 1, 0, 0, 0, 0, 0]");
		UUID closed = readyForDose(patient);
		this.fixtures.checkedInMinutesAgo(closed, 3 * 24 * 60);
		orderDose(closed, "0.5", null).andExpect(status().isCreated());
		prepare(closed, this.fixtures.vial("main"), "45").andExpect(status().isCreated());
		Instant now = this.clock.instant();
		post(this.nurse, "/api/v1/visits/" + closed + "/infusion",
				"{\"kind\": \"start\", \"at\": \"" + now.minus(Duration.ofMinutes(101)) + "\"}")
			.andExpect(status().isOk());
		String vitals = post(this.nurse, "/api/v1/visits/" + closed + "/vitals",
				"{\"systolic\": 150, \"diastolic\": 90, \"heartRate\": 118, \"spo2\": 97, \"respiratoryRate\": 16}")
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		post(this.nurse,
				"/api/v1/visits/" + closed + "/alarms/" + JsonPath.read(vitals, "$.alarms[0].id") + "/response",
				"{\"response\": \"Reassured\", \"pause\": false}")
			.andExpect(status().isCreated());
		post(this.nurse, "/api/v1/visits/" + closed + "/assessments", "{\"cadss\": [1, 2, 0, 1, 0, 0], \"moaas\": 4}")
			.andExpect(status().isCreated());
		post(this.nurse, "/api/v1/visits/" + closed + "/adverse-events",
				"{\"type\": \"anxiety\", \"severity\": \"mild\", \"action\": \"talked\", \"outcome\": \"resolved\"}")
			.andExpect(status().isCreated());
		post(this.nurse, "/api/v1/visits/" + closed + "/infusion",
				"{\"kind\": \"stop\", \"at\": \"" + now.minus(Duration.ofMinutes(61)) + "\"}")
			.andExpect(status().isOk());
		post(this.nurse, "/api/v1/visits/" + closed + "/waste",
				"{\"method\": \"expelled into the waste container\", \"witnessUsername\": \"" + this.checker.username()
						+ "\", \"witnessPassword\": \"" + TestStaff.PASSWORD + "\"}")
			.andExpect(status().isCreated());
		post(this.nurse, "/api/v1/visits/" + closed + "/discharge", discharge("ketacare-demo"))
			.andExpect(status().isCreated());
		post(this.nurse, "/api/v1/visits/" + closed + "/signatures", "{\"password\": \"ketacare-demo\"}")
			.andExpect(status().isCreated());
		post(this.physician, "/api/v1/visits/" + closed + "/signatures", "{\"password\": \"ketacare-demo\"}")
			.andExpect(status().isCreated());
		post(this.nurse, "/api/v1/visits/" + closed + "/amendments",
				"{\"target\": \"vitals\", \"targetId\": \"" + JsonPath.read(vitals, "$.id")
						+ "\", \"field\": \"heartRate\", \"value\": \"108\", \"reason\": \"Misread\"}")
			.andExpect(status().isCreated());
		UUID infusing = readyForDose(patient);
		orderDose(infusing, "0.5", null).andExpect(status().isCreated());
		prepare(infusing, this.fixtures.vial("main"), "40").andExpect(status().isCreated());
		post(this.nurse, "/api/v1/visits/" + infusing + "/infusion",
				"{\"kind\": \"start\", \"at\": \"" + now.minus(Duration.ofMinutes(20)) + "\"}")
			.andExpect(status().isOk());
		post(this.nurse, "/api/v1/visits/" + infusing + "/vitals",
				"{\"systolic\": 150, \"diastolic\": 90, \"heartRate\": 118, \"spo2\": 97, \"respiratoryRate\": 16}")
			.andExpect(status().isCreated());
		UUID checkedIn = checkInPatient(patient, "{\"identityConfirmed\": true, \"weightKg\": 80}");
		post(this.physician, "/api/v1/visits/" + checkedIn + "/overrides",
				"{\"kind\": \"escort\", \"reason\": \"Taxi arranged\", \"password\": \"ketacare-demo\"}")
			.andExpect(status().isCreated());
		checkInPatient(this.fixtures.patient("main"), "{\"identityConfirmed\": true, \"weightKg\": 70}");

		List<VisitChart> charts = this.visits.chartsOfPatient(this.physician, patient);

		assertThat(charts).extracting((chart) -> chart.visit().id()).containsExactly(closed, infusing, checkedIn);
		for (VisitChart chart : charts) {
			assertThat(chart).isEqualTo(this.visits.chart(this.physician, chart.visit().id()));
		}
		VisitChart whole = charts.get(0);
		assertThat(List.of(whole.checks(), whole.vitals(), whole.alarms(), whole.draws(), whole.events(),
				whole.assessments(), whole.adverseEvents(), whole.signatures(), whole.amendments()))
			.allSatisfy((records) -> assertThat(records).isNotEmpty());
		assertThat(whole.doseOrder()).isNotNull();
		assertThat(whole.preparation()).isNotNull();
		assertThat(whole.discharge()).isNotNull();
		assertThat(whole.questionnaires()).anySatisfy((q) -> assertThat(q.isRecorded()).isTrue());
		assertThat(charts.get(1).alarms()).singleElement().satisfies((alarm) -> assertThat(alarm.isOpen()).isTrue());
		assertThat(charts.get(1).nextVitalsDue()).isNotNull();
		assertThat(charts.get(2).overrides()).isNotEmpty();
		assertThat(charts.get(2).blocks()).isNotEmpty();
		assertThat(this.visits.chartsOfPatient(this.physician, this.fixtures.patient("main"))).isEmpty();
		assertThatThrownBy(() -> this.visits.chartsOfPatient(this.staff.demo("intake.main"), patient))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(this.visits.chartsOfPatient(this.staff.demo("physician.north"), patient)).isEmpty();
	}

	@Test
	void checkInNeedsTheIdentityConfirmedAndTheVisitRecordsIt() throws Exception {
		UUID patient = this.fixtures.patient("main");
		UUID appointment = this.fixtures.appointmentNow("main", patient);
		for (String body : new String[] { "{\"weightKg\": 80}", "{\"identityConfirmed\": false, \"weightKg\": 80}" }) {
			post(this.nurse, "/api/v1/appointments/" + appointment + "/visit", body).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("identityConfirmed"));
		}
		assertThat(this.jdbc.sql("SELECT status FROM appointments WHERE id = ?")
			.param(appointment)
			.query(String.class)
			.single()).isEqualTo("BOOKED");
		String created = post(this.nurse, "/api/v1/appointments/" + appointment + "/visit",
				"{\"identityConfirmed\": true, \"weightKg\": 80}")
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		this.mvc
			.perform(get("/api/v1/visits/{id}", JsonPath.<String>read(created, "$.id")).with(TestStaff.as(this.nurse)))
			.andExpect(jsonPath("$.visit.identityConfirmed").value(true));
	}

	@Test
	void anAdverseEventAnAssessmentAndALateEntryAreAmendedAndTheOriginalsKept() throws Exception {
		UUID visit = readyForDose();
		UUID patient = patientOf(visit);
		String assessment = JsonPath.read(post(this.nurse, "/api/v1/visits/" + visit + "/assessments",
				"{\"cadss\": [1, 2, 0, 1, 0, 0], \"moaas\": 4}")
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		String event = adverseEvent(visit);

		amend(visit, "adverse-event", event, "severity", "moderate", "Vomited twice, not once")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.target").value("adverse-event"))
			.andExpect(jsonPath("$.originalValue").value("MILD"))
			.andExpect(jsonPath("$.correctedValue").value("MODERATE"));
		amend(visit, "adverse-event", event, "description", "Vomited twice within ten minutes", "Left out")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.originalValue").doesNotExist());
		amend(visit, "adverse-event", event, "action", "ondansetron 4 mg IV", "Route missing")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.originalValue").value("ondansetron 4 mg"));
		amend(visit, "assessment", assessment, "cadss[1]", "4", "Misheard the answer").andExpect(status().isCreated())
			.andExpect(jsonPath("$.originalValue").value("2"))
			.andExpect(jsonPath("$.correctedValue").value("4"));
		amend(visit, "assessment", assessment, "moaas", "3", "Rated before the stimulus")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.originalValue").value("4"));
		amend(visit, "visit", null, "addendum", "Mild headache at 14:20, settled without treatment", "Monitor down")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.targetId").value(visit.toString()))
			.andExpect(jsonPath("$.originalValue").doesNotExist());
		amend(visit, "assessment", assessment, "cadss[1]", "3", "Second look at the answers")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.originalValue").value("4"));

		this.mvc.perform(get("/api/v1/visits/{id}", visit).with(TestStaff.as(this.physician)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.adverseEvents[0].severity").value("MILD"))
			.andExpect(jsonPath("$.assessments[0].cadssTotal").value(4))
			.andExpect(jsonPath("$.amendments", hasSize(7)))
			.andExpect(jsonPath("$.amendments[5].target").value("visit"))
			.andExpect(jsonPath("$.amendments[5].field").value("addendum"))
			.andExpect(jsonPath("$.amendments[5].reason").value("Monitor down"));
		VisitChart chart = this.visits.chart(this.nurse, visit);
		assertThat(chart.correctedAdverseEvents()).singleElement().satisfies((e) -> {
			assertThat(e.severity()).isEqualTo("MODERATE");
			assertThat(e.description()).isEqualTo("Vomited twice within ten minutes");
			assertThat(e.action()).isEqualTo("ondansetron 4 mg IV");
			assertThat(e.outcome()).isEqualTo("resolved");
		});
		assertThat(chart.correctedAssessments()).singleElement().satisfies((a) -> {
			assertThat(a.cadssItems()).containsExactly(1, 3, 0, 1, 0, 0);
			assertThat(a.cadssTotal()).as("recomputed from the corrected items").isEqualTo(5);
			assertThat(a.moaas()).isEqualTo(3);
		});
		assertThat(chart.amendedFields(UUID.fromString(event))).containsExactlyInAnyOrder("severity", "description",
				"action");
		assertThat(chart.amendedFields(UUID.fromString(assessment))).containsExactlyInAnyOrder("cadss[1]", "moaas");
		assertThat(chart.addenda()).singleElement()
			.satisfies((a) -> assertThat(a.correctedValue()).startsWith("Mild headache"));
		this.mvc.perform(get("/api/v1/patients/{id}/infusions", patient).with(TestStaff.as(this.physician)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].visitId").value(visit.toString()))
			.andExpect(jsonPath("$[0].maxCadss").value(5))
			.andExpect(jsonPath("$[0].minMoaas").value(3))
			.andExpect(jsonPath("$[0].adverseEvents").value(containsString("(moderate)")));
		assertThat(this.jdbc.sql(
				"SELECT count(*) FROM audit_events WHERE action = 'VISIT_AMENDED' AND target_id = ? AND patient_id = ?")
			.params(visit.toString(), patient)
			.query(Integer.class)
			.single()).isEqualTo(7);
	}

	@Test
	void anAmendmentIsCheckedLikeTheEntryAndRefusedNamingTheFieldWithNothingStored() throws Exception {
		UUID visit = readyForDose();
		String assessment = JsonPath.read(
				post(this.nurse, "/api/v1/visits/" + visit + "/assessments",
						"{\"cadss\": [1, 2, 0, 1, 0, 0], \"moaas\": 4}")
					.andReturn()
					.getResponse()
					.getContentAsString(),
				"$.id");
		String event = adverseEvent(visit);
		String[][] refused = {
				{ "adverse-event", event, "severity", "catastrophic", "value",
						"severity must be mild, moderate or severe" },
				{ "adverse-event", event, "action", "x".repeat(501), "value", "action must be at most 500 characters" },
				{ "adverse-event", event, "outcome", " ", "value", "is required" },
				{ "adverse-event", event, "type", "anxiety", "field", "must be one of" },
				{ "adverse-event", null, "severity", "severe", "targetId", "is required" },
				{ "assessment", assessment, "cadss[0]", "5", "value", "cadss[0] must be between 0 and 4" },
				{ "assessment", assessment, "cadss[6]", "1", "field", "must be one of" },
				{ "assessment", assessment, "moaas", "6", "value", "moaas must be between 0 and 5" },
				{ "assessment", assessment, "moaas", "-1", "value", "moaas must be between 0 and 5" },
				{ "assessment", assessment, "moaas", "three", "value", "must be a whole number" },
				{ "visit", null, "addendum", "", "value", "is required" },
				{ "visit", null, "addendum", "x".repeat(4001), "value", "must be at most 4000 characters" },
				{ "visit", null, "description", "late", "field", "must be one of" },
				{ "dose-order", visit.toString(), "doseMg", "40", "target", "must be one of" } };
		for (String[] amendment : refused) {
			amend(visit, amendment[0], amendment[1], amendment[2], amendment[3], "Correcting")
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value(amendment[4]))
				.andExpect(jsonPath("$.errors[0].message", containsString(amendment[5])));
		}
		amend(visit, "adverse-event", event, "severity", "severe", " ").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		amend(visit, "visit", null, "addendum", "Headache", null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));

		UUID other = readyForDose();
		String otherEvent = adverseEvent(other);
		amend(visit, "adverse-event", otherEvent, "severity", "severe", "Another visit's event")
			.andExpect(status().isNotFound());
		amend(visit, "adverse-event", UUID.randomUUID().toString(), "severity", "severe", "No such event")
			.andExpect(status().isNotFound());
		amend(visit, "assessment", UUID.randomUUID().toString(), "moaas", "3", "No such rating")
			.andExpect(status().isNotFound());
		amend(visit, "assessment", event, "moaas", "3", "An event, not a rating").andExpect(status().isNotFound());
		amend(visit, "visit", other.toString(), "addendum", "Headache", "Another visit")
			.andExpect(status().isNotFound());
		StaffPrincipal north = this.staff.demo("nurse.north");
		for (String[] amendment : new String[][] { { "adverse-event", event, "severity", "severe" },
				{ "assessment", assessment, "moaas", "3" }, { "visit", null, "addendum", "Headache" } }) {
			post(north, "/api/v1/visits/" + visit + "/amendments",
					amendment(amendment[0], amendment[1], amendment[2], amendment[3], "Another clinic"))
				.andExpect(status().isNotFound());
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM infusion_amendments WHERE visit_id = ? OR visit_id = ?")
			.params(visit, other)
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM audit_events WHERE action = 'VISIT_AMENDED' AND target_id IN (?, ?)")
			.params(visit.toString(), other.toString())
			.query(Integer.class)
			.single()).isZero();
		assertThatThrownBy(() -> this.jdbc.sql("""
				INSERT INTO infusion_amendments (clinic_id, id, visit_id, target, target_id, field, original_value,
				    corrected_value, reason, author_id, author_name, amended_at)
				SELECT clinic_id, gen_random_uuid(), id, 'dose-order', id, 'doseMg', '40', '80', 'r', checked_in_by,
				    'n', now() FROM infusion_visits WHERE id = ?
				""").params(visit).update()).rootCause().hasMessageContaining("infusion_amendments_target_check");
	}

	private String adverseEvent(UUID visit) throws Exception {
		return JsonPath.read(post(this.nurse, "/api/v1/visits/" + visit + "/adverse-events",
				"{\"type\": \"nausea_vomiting\", \"severity\": \"mild\", \"action\": \"ondansetron 4 mg\", \"outcome\": \"resolved\"}")
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
	}

	private ResultActions amend(UUID visit, String target, String targetId, String field, String value, String reason)
			throws Exception {
		return post(this.nurse, "/api/v1/visits/" + visit + "/amendments",
				amendment(target, targetId, field, value, reason));
	}

	private static String amendment(String target, String targetId, String field, String value, String reason) {
		return "{\"target\": \"" + target + "\", \"targetId\": " + quoted(targetId) + ", \"field\": \"" + field
				+ "\", \"value\": " + quoted(value) + ", \"reason\": " + quoted(reason) + "}";
	}

	private static String quoted(String text) {
		return (text != null) ? "\"" + text + "\"" : "null";
	}

	@Test
	void anotherClinicSeesNothing() throws Exception {
		UUID visit = checkIn("main", "{\"identityConfirmed\": true, \"weightKg\": 80}");
		StaffPrincipal north = this.staff.demo("nurse.north");
		this.mvc.perform(get("/api/v1/visits/{id}", visit).with(TestStaff.as(north))).andExpect(status().isNotFound());
		post(north, "/api/v1/visits/" + visit + "/vitals", GOOD_VITALS).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/infusion/board").with(TestStaff.as(north)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.visit.id == '" + visit + "')]", hasSize(0)));
	}

	private UUID readyForDose() throws Exception {
		return readyForDose(this.fixtures.patient("main"));
	}

	private UUID readyForDose(UUID patient) throws Exception {
		UUID visit = checkInPatient(patient, "{\"identityConfirmed\": true, \"weightKg\": 80, " + ESCORT + "}");
		this.fixtures.checkedInMinutesAgo(visit, 120);
		post(this.nurse, "/api/v1/visits/" + visit + "/checks", CHECKS).andExpect(status().isCreated());
		post(this.nurse, "/api/v1/visits/" + visit + "/vitals", GOOD_VITALS).andExpect(status().isCreated());
		return visit;
	}

	private UUID checkIn(String clinic, String body) throws Exception {
		return checkInPatient(this.fixtures.patient(clinic), body);
	}

	private UUID checkInPatient(UUID patient, String body) throws Exception {
		UUID appointment = this.fixtures.appointmentNow("main", patient);
		String response = post(this.nurse, "/api/v1/appointments/" + appointment + "/visit", body)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("CHECKED_IN"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return UUID.fromString(JsonPath.read(response, "$.id"));
	}

	private ResultActions orderDose(UUID visit, String mgPerKg, String reason) throws Exception {
		return orderDose(visit, mgPerKg, reason, "actual");
	}

	private ResultActions orderDose(UUID visit, String mgPerKg, String reason, String basis) throws Exception {
		return post(this.physician, "/api/v1/visits/" + visit + "/dose-order",
				"{\"mgPerKg\": " + mgPerKg + ", \"weightBasis\": \"" + basis + "\", \"password\": \"ketacare-demo\""
						+ ((reason != null) ? ", \"reason\": \"" + reason + "\"" : "") + "}");
	}

	private ResultActions prepare(UUID visit, Vial vial, String mg) throws Exception {
		return post(this.nurse, "/api/v1/visits/" + visit + "/preparation",
				"{\"site\": \"left antecubital\", \"gauge\": 22, \"vials\": [{\"vialId\": \"" + vial.id()
						+ "\", \"mg\": " + mg + "}], \"drawnMl\": 0.9, \"diluent\": \"0.9% sodium chloride\", "
						+ "\"finalVolumeMl\": 100, \"checkerUsername\": \"" + this.checker.username()
						+ "\", \"checkerPassword\": \"" + TestStaff.PASSWORD + "\"}");
	}

	private String discharge(String password) {
		return "{\"vitalsNearBaseline\": true, \"alertAndOriented\": true, \"walksSteadily\": true, "
				+ "\"minimalNausea\": true, \"escortPresent\": true, \"password\": \"" + password + "\"}";
	}

	private String chartStatus(UUID visit) throws Exception {
		return JsonPath.read(this.mvc.perform(get("/api/v1/visits/{id}", visit).with(TestStaff.as(this.nurse)))
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.visit.status");
	}

	private ResultActions post(StaffPrincipal who, String path, String json) throws Exception {
		return this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
			.with(TestStaff.as(who))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

}
