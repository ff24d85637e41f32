package org.ketacare.infusion;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.course.Protocols;
import org.ketacare.ledger.Ledger;
import org.ketacare.ledger.Vial;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The visit pages: a whole visit through the forms, errors beside fields, the board and
 * the PDF.
 */
@KetaCareIntegrationTest
class VisitPagesIT {

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

	StaffPrincipal nurse;

	StaffPrincipal physician;

	@BeforeEach
	void setUp() {
		this.fixtures = new InfusionFixtures(this.mvc, this.staff, this.jdbc, this.ledger, this.clock, this.protocols);
		this.nurse = this.staff.demo("nurse.main");
		this.physician = this.staff.demo("physician.main");
	}

	@Test
	void aVisitThroughThePages() throws Exception {
		StaffPrincipal second = this.staff.create("main", Role.NURSE);
		UUID appointment = this.fixtures.appointmentNow("main", this.fixtures.patient("main"));
		this.mvc.perform(get("/appointments/{id}/check-in", appointment).with(TestStaff.as(this.nurse)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Identity confirmed")));
		form(this.nurse, "/appointments/" + appointment + "/check-in", "weightKg", "80", "escortName", "Sam",
				"escortPhone", "555-0100")
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("must be confirmed")));
		String location = form(this.nurse, "/appointments/" + appointment + "/check-in", "identityConfirmed", "true",
				"weightKg", "80", "escortName", "Sam", "escortPhone", "555-0100")
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		UUID visit = UUID.fromString(location.substring("/visits/".length()));
		this.fixtures.checkedInMinutesAgo(visit, 120);
		this.mvc.perform(get("/visits/{id}", visit).with(TestStaff.as(this.nurse)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("checklist is missing")));
		step(this.nurse, visit, "checks", "fasting", "true", "pregnancyTest", "not_applicable", "newMedications",
				"Xanax 0.5 mg\n")
			.andExpect(status().is3xxRedirection());
		step(this.nurse, visit, "vitals", "systolic", "120", "diastolic", "80", "heartRate", "72", "spo2", "101",
				"respiratoryRate", "14")
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("SpO2 % must be between 0 and 100")));
		step(this.nurse, visit, "vitals", "systolic", "120", "diastolic", "80", "heartRate", "72", "spo2", "98",
				"respiratoryRate", "14")
			.andExpect(status().is3xxRedirection());
		step(this.physician, visit, "dose-order", "mgPerKg", "1.5", "weightBasis", "actual", "password",
				"ketacare-demo")
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("outside the clinic&#39;s range")));
		step(this.physician, visit, "dose-order", "mgPerKg", "0.5", "weightBasis", "actual", "password",
				"ketacare-demo")
			.andExpect(status().is3xxRedirection());
		Vial vial = this.fixtures.vial("main");
		this.mvc.perform(get("/visits/{id}", visit).with(TestStaff.as(this.nurse)))
			.andExpect(content().string(containsString("0.5 mg/kg × 80 kg = 40 mg")))
			.andExpect(content().string(containsString(vial.label())));
		step(this.nurse, visit, "preparation", "site", "left forearm", "gauge", "22", "vialId", vial.id().toString(),
				"mg", "50", "drawnMl", "1", "diluent", "0.9% sodium chloride", "finalVolumeMl", "100",
				"checkerUsername", second.username(), "checkerPassword", TestStaff.PASSWORD)
			.andExpect(status().is3xxRedirection());
		step(this.nurse, visit, "infusion", "kind", "start").andExpect(status().is3xxRedirection());
		step(this.nurse, visit, "vitals", "systolic", "185", "diastolic", "95", "heartRate", "90", "spo2", "97",
				"respiratoryRate", "14")
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/infusions").with(TestStaff.as(this.nurse)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("infusion-board.js")));
		this.mvc.perform(get("/infusions/board").with(TestStaff.as(this.nurse)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("1 open")))
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect((result) -> {
				LocalTime shown = LocalTime.parse(result.getResponse().getHeader("X-Board-Time"));
				LocalTime clinicNow = LocalTime.now(this.clock.withZone(this.nurse.clinicZone()));
				assertThat(Duration.between(shown, clinicNow).abs()).as("the clinic's time, not the server's zone")
					.isLessThan(Duration.ofSeconds(30));
			});
		String alarm = this.jdbc.sql("SELECT id FROM infusion_alarms WHERE visit_id = ?")
			.params(visit)
			.query(String.class)
			.single();
		step(this.nurse, visit, "alarm", "alarmId", alarm, "response", "Paused, re-measure in 5 min", "pause", "true")
			.andExpect(status().is3xxRedirection());
		step(this.nurse, visit, "infusion", "kind", "pause", "reason", "again").andExpect(status().isConflict());
		step(this.nurse, visit, "infusion", "kind", "resume").andExpect(status().is3xxRedirection());
		step(this.nurse, visit, "assessment", "cadss1", "1", "cadss2", "1", "cadss3", "0", "cadss4", "2", "cadss5", "0",
				"cadss6", "0", "moaas", "5")
			.andExpect(status().is3xxRedirection());
		step(this.nurse, visit, "adverse-event", "type", "anxiety", "severity", "mild", "action", "reassurance",
				"outcome", "settled")
			.andExpect(status().is3xxRedirection());
		step(this.nurse, visit, "infusion", "kind", "stop").andExpect(status().is3xxRedirection());
		step(this.nurse, visit, "discharge", "vitalsNearBaseline", "true", "password", "ketacare-demo")
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("must be confirmed (alert and oriented)")));
		step(this.nurse, visit, "discharge", "vitalsNearBaseline", "true", "alertAndOriented", "true", "walksSteadily",
				"true", "minimalNausea", "true", "escortPresent", "true", "password", "ketacare-demo")
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("minimum observation of 60 minutes")));
		this.mvc.perform(get("/visits/{id}", visit).with(TestStaff.as(this.physician)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("class=\"alarm-point\"")))
			.andExpect(content().string(containsString("class=\"infusion-period\"")));
		this.mvc
			.perform(get("/patients/{id}/infusions",
					this.jdbc.sql("SELECT patient_id FROM infusion_visits WHERE id = ?")
						.params(visit)
						.query(UUID.class)
						.single())
				.with(TestStaff.as(this.physician)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Previous sessions")));
		this.mvc.perform(get("/visits/{id}/discharge.pdf", visit).with(TestStaff.as(this.nurse)))
			.andExpect(status().isConflict());
	}

	@Test
	void theRatingsFormAsksEachCadssItemInItsWordsAndPutsASkippedItemsErrorBesideIt() throws Exception {
		UUID appointment = this.fixtures.appointmentNow("main", this.fixtures.patient("main"));
		String location = form(this.nurse, "/appointments/" + appointment + "/check-in", "identityConfirmed", "true",
				"weightKg", "80", "escortName", "Sam", "escortPhone", "555-0100")
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		UUID visit = UUID.fromString(location.substring("/visits/".length()));
		StaffPrincipal checker = this.staff.create("main", Role.NURSE);
		step(this.nurse, visit, "checks", "fasting", "true", "pregnancyTest", "not_applicable")
			.andExpect(status().is3xxRedirection());
		step(this.nurse, visit, "vitals", "systolic", "120", "diastolic", "80", "heartRate", "72", "spo2", "98",
				"respiratoryRate", "14")
			.andExpect(status().is3xxRedirection());
		step(this.physician, visit, "dose-order", "mgPerKg", "0.5", "weightBasis", "actual", "password",
				"ketacare-demo")
			.andExpect(status().is3xxRedirection());
		step(this.nurse, visit, "preparation", "site", "left forearm", "gauge", "22", "vialId",
				this.fixtures.vial("main").id().toString(), "mg", "50", "drawnMl", "1", "diluent",
				"0.9% sodium chloride", "finalVolumeMl", "100", "checkerUsername", checker.username(),
				"checkerPassword", TestStaff.PASSWORD)
			.andExpect(status().is3xxRedirection());
		step(this.nurse, visit, "infusion", "kind", "start").andExpect(status().is3xxRedirection());
		step(this.nurse, visit, "assessment", "cadss1", "1", "cadss2", "", "cadss3", "0", "cadss4", "2", "cadss5", "0",
				"cadss6", "0", "moaas", "5")
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("CADSS 2: Do things seem unreal to you")))
			.andExpect(content().string(containsString("<option value=\"4\">4 — Extremely</option>")))
			.andExpect(content().string(containsString("id=\"cadss2-error\"")))
			.andExpect(content().string(containsString("aria-invalid=\"true\"")));
		assertThat(this.jdbc.sql("SELECT count(*) FROM infusion_assessments WHERE visit_id = ?")
			.params(visit)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void anAdverseEventARatingAndALateEntryAreAmendedThroughTheChart() throws Exception {
		UUID appointment = this.fixtures.appointmentNow("main", this.fixtures.patient("main"));
		String location = form(this.nurse, "/appointments/" + appointment + "/check-in", "identityConfirmed", "true",
				"weightKg", "80", "escortName", "Sam", "escortPhone", "555-0100")
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		UUID visit = UUID.fromString(location.substring("/visits/".length()));
		step(this.nurse, visit, "assessment", "cadss1", "1", "cadss2", "1", "cadss3", "0", "cadss4", "2", "cadss5", "0",
				"cadss6", "0", "moaas", "5")
			.andExpect(status().is3xxRedirection());
		step(this.nurse, visit, "adverse-event", "type", "anxiety", "severity", "mild", "action", "reassurance",
				"outcome", "settled")
			.andExpect(status().is3xxRedirection());
		UUID event = this.jdbc.sql("SELECT id FROM infusion_adverse_events WHERE visit_id = ?")
			.params(visit)
			.query(UUID.class)
			.single();
		UUID assessment = this.jdbc.sql("SELECT id FROM infusion_assessments WHERE visit_id = ?")
			.params(visit)
			.query(UUID.class)
			.single();
		this.mvc.perform(get("/visits/{id}", visit).with(TestStaff.as(this.nurse)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Correct an adverse event")))
			.andExpect(content().string(containsString("<label for=\"adverseEventField\">Field</label>")))
			.andExpect(content().string(containsString("<label for=\"assessmentField\">Field</label>")))
			.andExpect(content().string(containsString("<option value=\"cadss[5]\">CADSS item 22 (0–4)</option>")))
			.andExpect(content()
				.string(containsString("<label for=\"addendum\">What was not recorded at the time</label>")));

		step(this.nurse, visit, "amendment", "target", "adverse-event", "adverseEventId", event.toString(),
				"adverseEventField", "severity", "adverseEventValue", "catastrophic", "adverseEventReason", "Worse")
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"adverseEventValue-error\"")))
			.andExpect(content().string(containsString("Corrected value severity must be mild, moderate or severe")))
			.andExpect(content().string(containsString("value=\"catastrophic\"")));
		step(this.nurse, visit, "amendment", "target", "visit", "addendum", " ", "addendumReason", "Monitor down")
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"addendum-error\"")))
			.andExpect(content().string(containsString("Late entry is required")));
		assertThat(this.jdbc.sql("SELECT count(*) FROM infusion_amendments WHERE visit_id = ?")
			.params(visit)
			.query(Integer.class)
			.single()).isZero();

		step(this.nurse, visit, "amendment", "target", "adverse-event", "adverseEventId", event.toString(),
				"adverseEventField", "severity", "adverseEventValue", "moderate", "adverseEventReason",
				"Needed lorazepam in the end")
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/visits/*#amendment"));
		step(this.nurse, visit, "amendment", "target", "assessment", "assessmentId", assessment.toString(),
				"assessmentField", "cadss[0]", "assessmentValue", "3", "assessmentReason", "Misheard the answer")
			.andExpect(status().is3xxRedirection());
		step(this.nurse, visit, "amendment", "target", "visit", "addendum", "Patient's sister called at 15:10",
				"addendumReason", "Not charted during the call")
			.andExpect(status().is3xxRedirection());

		this.mvc.perform(get("/visits/{id}", visit).with(TestStaff.as(this.physician)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("anxiety (moderate): reassurance → settled")))
			.andExpect(content().string(containsString("CADSS-6 6 (items 3, 1, 0, 2, 0, 0), MOAA/S 5")))
			.andExpect(content().string(containsString("<span class=\"tag\">amended</span>")))
			.andExpect(content().string(containsString("<td>MILD</td><td>MODERATE</td>")))
			.andExpect(content().string(containsString("<td>1</td><td>3</td>")))
			.andExpect(content().string(containsString("<td>Late entry</td>")))
			.andExpect(content().string(containsString("Patient&#39;s sister called at 15:10")));
	}

	@Test
	void aChairWithAnOpenSafetyAlertShowsItUntilAPhysicianAcknowledgesIt() throws Exception {
		UUID withAlert = this.fixtures.patient("main");
		UUID withoutAlert = this.fixtures.patient("main");
		UUID visitWithAlert = checkIn(withAlert);
		UUID visitWithoutAlert = checkIn(withoutAlert);
		this.mvc
			.perform(post("/api/v1/patients/{id}/responses", withAlert).with(TestStaff.as(this.nurse))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"instrument": "PHQ-9", "answers": [1, 1, 1, 1, 1, 1, 1, 1, 2], "timePoint": "baseline"}
						"""))
			.andExpect(status().isCreated());
		UUID alert = this.jdbc.sql("SELECT id FROM outcome_safety_alerts WHERE patient_id = ?")
			.param(withAlert)
			.query(UUID.class)
			.single();
		String link = "href=\"/outcomes/alerts/" + alert + "\"";

		String page = board(this.physician, "/infusions");
		assertThat(row(page, visitWithAlert)).contains("has-safety-alert", link, "Safety alert: PHQ-9")
			.doesNotContain("escalated");
		assertThat(row(page, visitWithoutAlert)).doesNotContain("Safety alert", "has-safety-alert");
		assertThat(row(board(this.physician, "/infusions/board"), visitWithAlert)).contains(link);
		assertThat(row(board(this.nurse, "/infusions/board"), visitWithAlert))
			.as("a nurse sees the alert; only a physician opens it")
			.contains("Safety alert: PHQ-9 — physician to acknowledge")
			.doesNotContain("/outcomes/alerts/");
		assertThat(auditDetails(withAlert)).containsExactly("open safety alerts shown: 1");
		assertThat(auditDetails(withoutAlert)).containsExactly((String) null);
		this.mvc.perform(get("/api/v1/infusion/board").with(TestStaff.as(this.nurse)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.visit.id == '%s')].safetyAlerts[*].id", visitWithAlert)
				.value(contains(alert.toString())))
			.andExpect(jsonPath("$[?(@.visit.id == '%s')].safetyAlerts[*].escalated", visitWithAlert)
				.value(contains(false)))
			.andExpect(jsonPath("$[?(@.visit.id == '%s')].safetyAlerts", visitWithoutAlert).value(contains(empty())));

		this.mvc
			.perform(post("/outcomes/alerts/{id}/acknowledge", alert).param("actionTaken", "Spoke with the patient")
				.with(csrf())
				.with(TestStaff.as(this.physician)))
			.andExpect(status().is3xxRedirection());
		assertThat(row(board(this.physician, "/infusions/board"), visitWithAlert)).doesNotContain("Safety alert",
				"has-safety-alert");
		assertThat(row(board(this.physician, "/infusions"), visitWithAlert)).doesNotContain("Safety alert");
	}

	@Test
	void aSafetyAlertLeftOpenPastTheClinicsTimeIsMarkedEscalatedOnTheBoard() throws Exception {
		UUID patient = this.fixtures.patient("main");
		UUID visit = checkIn(patient);
		String response = this.mvc
			.perform(post("/api/v1/patients/{id}/responses", patient).with(TestStaff.as(this.nurse))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"instrument": "C-SSRS", "answers": [1, 1, 0, 0, 0, 0, null], "timePoint": "baseline"}
						"""))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		// An alert raised yesterday: past any escalation time the clinic may set (at most
		// a day).
		this.jdbc.sql("""
				INSERT INTO outcome_safety_alerts (clinic_id, id, patient_id, response_id, instrument, flag, message,
				    raised_at)
				VALUES (?, ?, ?, ?, 'C-SSRS', 'SUICIDE_RISK_MODERATE_OR_HIGH', 'C-SSRS screener: moderate or high risk',
				    now() - interval '25 hours')
				""")
			.params(this.nurse.clinicId(), UUID.randomUUID(), patient, UUID.fromString(JsonPath.read(response, "$.id")))
			.update();
		assertThat(row(board(this.nurse, "/infusions/board"), visit)).contains("Safety alert: C-SSRS", "escalated");
	}

	private UUID checkIn(UUID patient) throws Exception {
		UUID appointment = this.fixtures.appointmentNow("main", patient);
		String location = form(this.nurse, "/appointments/" + appointment + "/check-in", "identityConfirmed", "true",
				"weightKg", "80", "escortName", "Sam", "escortPhone", "555-0100")
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		return UUID.fromString(location.substring("/visits/".length()));
	}

	private String board(StaffPrincipal who, String path) throws Exception {
		return this.mvc.perform(get(path).with(TestStaff.as(who)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/** The board's row of the visit, from its opening tag to its end. */
	private static String row(String board, UUID visit) {
		int start = board.indexOf("data-visit=\"" + visit + "\"");
		assertThat(start).as("the visit's row is on the board").isNotNegative();
		return board.substring(start, board.indexOf("</tr>", start));
	}

	private List<String> auditDetails(UUID patient) {
		return this.jdbc
			.sql("SELECT details FROM audit_events WHERE patient_id = ? AND action = 'INFUSION_BOARD_VIEWED'")
			.param(patient)
			.query((rs, n) -> rs.getString("details"))
			.list();
	}

	private ResultActions step(StaffPrincipal who, UUID visit, String step, String... fields) throws Exception {
		return form(who, "/visits/" + visit + "/" + step, fields);
	}

	private ResultActions form(StaffPrincipal who, String path, String... fields) throws Exception {
		var request = post(path).with(TestStaff.as(who)).with(csrf());
		for (int i = 0; i < fields.length; i += 2) {
			request = request.param(fields[i], fields[i + 1]);
		}
		return this.mvc.perform(request);
	}

}
