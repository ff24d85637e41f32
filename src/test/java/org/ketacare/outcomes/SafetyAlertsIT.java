package org.ketacare.outcomes;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Safety alerts: a positive suicide item or a moderate/high C-SSRS raises an alert that
 * the clinic's physicians see on their home page until one acknowledges it with the
 * action taken; other clinics see nothing; the database keeps the acknowledgement final.
 */
@KetaCareIntegrationTest
class SafetyAlertsIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	OutcomePatients patients;

	@Autowired
	Responses responses;

	@Autowired
	SafetyAlerts alerts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void aPhysicianSeesTheAlertOnTheHomePageAndAcknowledgesIt() throws Exception {
		UUID patient = this.patients.newPatient("main");
		record(patient, "PHQ-9", List.of(1, 1, 1, 1, 1, 1, 1, 1, 1));
		StaffPrincipal physician = this.staff.create("main", Role.PHYSICIAN);
		UUID alertId = openAlertOf(physician, patient);
		this.mvc.perform(get("/").with(TestStaff.as(physician)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Urgent: safety alerts")))
			.andExpect(content().string(containsString("/outcomes/alerts/" + alertId)));
		this.mvc.perform(get("/").with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(content().string(not(containsString("Urgent: safety alerts"))));

		this.mvc
			.perform(post("/outcomes/alerts/{id}/acknowledge", alertId).param("actionTaken", " ")
				.with(csrf())
				.with(TestStaff.as(physician)))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("say what was done")));
		this.mvc
			.perform(post("/outcomes/alerts/{id}/acknowledge", alertId)
				.param("actionTaken", "Called the patient; safety plan reviewed")
				.with(csrf())
				.with(TestStaff.as(physician)))
			.andExpect(redirectedUrl("/"));
		assertThat(this.alerts.openFor(physician)).noneMatch((alert) -> alert.id().equals(alertId));
		this.mvc
			.perform(post("/outcomes/alerts/{id}/acknowledge", alertId).param("actionTaken", "again")
				.with(csrf())
				.with(TestStaff.as(this.staff.demo("physician.main"))))
			.andExpect(status().isConflict());
		assertThat(this.jdbc.sql("SELECT action FROM audit_events WHERE patient_id = ? ORDER BY seq")
			.param(patient)
			.query(String.class)
			.list()).contains("SAFETY_ALERT_RAISED", "SAFETY_ALERTS_LISTED", "SAFETY_ALERT_ACKNOWLEDGED");
		assertThatThrownBy(() -> this.jdbc.sql("UPDATE outcome_safety_alerts SET action_taken = 'changed' WHERE id = ?")
			.param(alertId)
			.update()).rootCause().hasMessageContaining("can only be acknowledged, once");
	}

	@Test
	void aModerateCssrsRaisesAnAlertALowOneDoesNot() {
		UUID patient = this.patients.newPatient("main");
		record(patient, "C-SSRS", Arrays.asList(1, 1, 0, 0, 0, 0, null));
		assertThat(alertFlags(patient)).isEmpty();
		record(patient, "C-SSRS", Arrays.asList(1, 1, 1, 0, 0, 0, null));
		assertThat(alertFlags(patient)).containsExactly("SUICIDE_RISK_MODERATE_OR_HIGH");
	}

	@Test
	void anotherClinicsPhysicianNeitherSeesNorOpensTheAlert() throws Exception {
		UUID patient = this.patients.newPatient("main");
		record(patient, "PHQ-9", List.of(0, 0, 0, 0, 0, 0, 0, 0, 3));
		UUID alertId = openAlertOf(this.staff.demo("physician.main"), patient);
		StaffPrincipal northPhysician = this.staff.demo("physician.north");
		assertThat(this.alerts.openFor(northPhysician)).noneMatch((alert) -> alert.patientId().equals(patient));
		this.mvc.perform(get("/outcomes/alerts/{id}", alertId).with(TestStaff.as(northPhysician)))
			.andExpect(status().isNotFound());
	}

	@Test
	void theOpenAlertsOfAFewPatientsComeInOneQueryForNursesAndPhysiciansOfTheirClinic() {
		UUID flagged = this.patients.newPatient("main");
		UUID acknowledged = this.patients.newPatient("main");
		UUID calm = this.patients.newPatient("main");
		record(flagged, "PHQ-9", List.of(0, 0, 0, 0, 0, 0, 0, 0, 1));
		record(acknowledged, "PHQ-9", List.of(0, 0, 0, 0, 0, 0, 0, 0, 2));
		record(calm, "PHQ-9", List.of(1, 1, 1, 1, 1, 1, 1, 1, 0));
		StaffPrincipal physician = this.staff.demo("physician.main");
		this.alerts.acknowledge(physician, openAlertOf(physician, acknowledged), "Seen in clinic today");
		List<UUID> asked = List.of(flagged, acknowledged, calm);

		assertThat(this.alerts.openOf(this.staff.demo("nurse.main"), asked)).singleElement().satisfies((alert) -> {
			assertThat(alert.patientId()).isEqualTo(flagged);
			assertThat(alert.instrument()).isEqualTo("PHQ-9");
			assertThat(alert.flag()).isEqualTo("SUICIDE_ITEM_POSITIVE");
			assertThat(alert.escalated()).isFalse();
		});
		assertThat(this.alerts.openOf(physician, asked)).extracting(OpenSafetyAlert::patientId)
			.containsExactly(flagged);
		assertThat(this.alerts.openOf(this.staff.demo("nurse.north"), asked)).as("another clinic's patients").isEmpty();
		assertThat(this.alerts.openOf(physician, List.of())).isEmpty();
		assertThatThrownBy(() -> this.alerts.openOf(this.staff.demo("therapist.main"), asked))
			.isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void theOpenAlertsOfTheBoardsPatientsAreFoundThroughTheOpenAlertsIndex() {
		UUID patient = this.patients.newPatient("main");
		record(patient, "PHQ-9", List.of(0, 0, 0, 0, 0, 0, 0, 0, 3));
		// A test database is too small for the planner to prefer an index; forbidding the
		// sequential scan shows whether an index can answer the query at all.
		List<String> plan = new TransactionTemplate(this.transactions).execute((status) -> {
			status.setRollbackOnly();
			this.jdbc.sql("SET LOCAL enable_seqscan = off").update();
			return this.jdbc.sql("EXPLAIN " + SafetyAlerts.OPEN_OF_PATIENTS)
				.params(this.staff.demo("nurse.main").clinicId(),
						new SqlArrayValue("uuid", new Object[] { patient, UUID.randomUUID() }))
				.query(String.class)
				.list();
		});
		assertThat(String.join("\n", plan)).contains("outcome_safety_alerts_open_idx");
	}

	@Test
	void anAlertOpenLongerThanTheClinicsTimeIsEscalated() {
		Instant raised = Instant.parse("2026-03-02T14:00:00Z");
		assertThat(SafetyAlerts.escalated(raised, null, Duration.ofMinutes(30), raised.plusSeconds(1799))).isFalse();
		assertThat(SafetyAlerts.escalated(raised, null, Duration.ofMinutes(30), raised.plusSeconds(1800))).isTrue();
		assertThat(SafetyAlerts.escalated(raised, raised.plusSeconds(60), Duration.ofMinutes(30),
				raised.plusSeconds(7200)))
			.isFalse();
	}

	private void record(UUID patient, String instrument, List<Integer> answers) {
		this.responses.record(this.staff.demo("nurse.main"), patient,
				new NewResponse(instrument, answers, "baseline", null, null, null, null),
				ResponseRecord.Source.STAFF_ENTRY);
	}

	private UUID openAlertOf(StaffPrincipal physician, UUID patient) {
		return this.alerts.openFor(physician)
			.stream()
			.filter((alert) -> alert.patientId().equals(patient))
			.findFirst()
			.orElseThrow()
			.id();
	}

	private List<String> alertFlags(UUID patient) {
		return this.jdbc.sql("SELECT flag FROM outcome_safety_alerts WHERE patient_id = ?")
			.param(patient)
			.query(String.class)
			.list();
	}

}
