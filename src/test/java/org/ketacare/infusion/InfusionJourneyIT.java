package org.ketacare.infusion;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.course.Protocols;
import org.ketacare.ledger.Ledger;
import org.ketacare.ledger.Vial;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;
import org.ketacare.web.Browser;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A whole visit in the browser, from check-in to the discharge PDF, with the live board
 * open in a second browser (the physician's) updating by itself while the nurse enters
 * vital signs.
 */
@KetaCareIntegrationTest
class InfusionJourneyIT {

	@LocalServerPort
	int port;

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
	Visits visits;

	@Test
	void aVisitFromCheckInToDischargeWithTheBoardUpdatingInAnotherWindow() throws Exception {
		InfusionFixtures fixtures = new InfusionFixtures(this.mvc, this.staff, this.jdbc, this.ledger, this.clock,
				this.protocols);
		UUID appointment = fixtures.appointmentNow("main", fixtures.patient("main"));
		Vial vial = fixtures.vial("main");
		StaffPrincipal second = this.staff.create("main", Role.NURSE);
		try (Browser nurse = Browser.start(InfusionJourneyIT.class, this.port);
				Browser physician = Browser.start(InfusionJourneyIT.class, this.port)) {
			nurse.signIn("nurse.main", TestStaff.DEMO_PASSWORD);
			nurse.open("/appointments/" + appointment + "/check-in");
			nurse.choose("identityConfirmed");
			nurse.type("weightKg", "80");
			nurse.type("escortName", "Sam Lee");
			nurse.type("escortPhone", "555-0100");
			nurse.click(By.xpath("//button[normalize-space()='Check in']"));
			assertThat(nurse.currentPath()).startsWith("/visits/");
			UUID visit = UUID.fromString(nurse.currentPath().substring("/visits/".length()).replaceAll("[#?].*", ""));
			fixtures.checkedInMinutesAgo(visit, 120);
			nurse.choose("fasting");
			nurse.click(By.cssSelector("#pregnancyTest option[value='not_applicable']"));
			nurse.click(By.xpath("//button[normalize-space()='Record the checks']"));
			recordVitals(nurse, "128", "82", "72", "98");
			nurse.screenshot("infusion-chart-before-order");

			physician.signIn("physician.main", TestStaff.DEMO_PASSWORD);
			physician.open("/visits/" + visit);
			physician.type("mgPerKg", "0.5");
			physician.type("password", TestStaff.DEMO_PASSWORD);
			physician.click(By.xpath("//button[normalize-space()='Sign the dose order']"));
			assertThat(physician.text(By.cssSelector(".flash"))).contains("Dose ordered: 40 mg at 150 mL/h");

			nurse.open("/visits/" + visit);
			nurse.click(By.cssSelector("#vialId option[value='" + vial.id() + "']"));
			nurse.type("site", "left forearm");
			nurse.type("mg", "45");
			nurse.type("drawnMl", "0.9");
			nurse.type("checkerUsername", second.username());
			nurse.type("checkerPassword", TestStaff.PASSWORD);
			nurse.click(By.xpath("//button[normalize-space()='Record the preparation']"));
			nurse.click(By.xpath("//button[normalize-space()='Start']"));
			assertThat(nurse.text(By.id("visit-status"))).isEqualTo("Infusing");

			physician.open("/infusions");
			By row = By.cssSelector("tr[data-visit='" + visit + "']");
			assertThat(physician.text(row)).contains("Infusing").contains("128/82");

			recordVitals(nurse, "186", "96", "118", "97");
			assertThat(nurse.text(By.cssSelector(".flash"))).contains("ALARM");
			waitFor(() -> physician.text(row).contains("186/96") && physician.text(row).contains("2 open"));
			assertThat(physician.text(By.id("board-updated"))).as("the script, not a reload, updated the board")
				.isNotEqualTo("on opening");
			physician.screenshot("infusion-board-live");

			// Each CADSS-6 item is asked in its words and answered from the keyboard: the
			// score's digit picks its choice, Tab moves on.
			// (The label takes the focus; a click on the select itself would open its
			// list.)
			nurse.click(By.cssSelector("label[for='cadss1']"));
			for (String score : new String[] { "1", "2", "0", "1", "0", "0" }) {
				nurse.typeAndTab(score);
			}
			nurse.typeAndTab("4");
			nurse.screenshot("infusion-chart-ratings");
			nurse.click(By.xpath("//button[normalize-space()='Record the ratings']"));
			assertThat(nurse.text(By.cssSelector(".flash"))).contains("CADSS-6 4, MOAA/S 4 recorded");

			nurse.click(By.xpath("//button[normalize-space()='Stop']"));
			assertThat(nurse.text(By.id("visit-status"))).isEqualTo("Recovery");
			this.jdbc.sql("UPDATE infusion_visits SET infusion_ended_at = ? WHERE id = ?")
				.params(Timestamps.of(this.clock.instant().minus(Duration.ofMinutes(61))), visit)
				.update();
			nurse.open("/visits/" + visit);
			nurse.type("witnessUsername", second.username());
			nurse.type("witnessPassword", TestStaff.PASSWORD);
			nurse.click(By.xpath("//button[normalize-space()='Waste, witnessed']"));
			for (String criterion : new String[] { "vitalsNearBaseline", "alertAndOriented", "walksSteadily",
					"minimalNausea", "escortPresent" }) {
				nurse.choose(criterion);
			}
			nurse.type("password", TestStaff.DEMO_PASSWORD);
			nurse.click(By.xpath("//button[normalize-space()='Sign the discharge']"));
			assertThat(nurse.text(By.id("discharge-pdf"))).contains("discharge instructions");
			nurse.screenshot("infusion-chart-discharged");
			byte[] pdf = this.mvc
				.perform(get("/visits/{id}/discharge.pdf", visit).with(TestStaff.as(this.staff.demo("nurse.main"))))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsByteArray();
			assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		}
	}

	@Test
	void aChairsOpenSafetyAlertIsOnTheBoardAndItsLinkKeepsTheKeyboardFocusAcrossRefreshes() throws Exception {
		InfusionFixtures fixtures = new InfusionFixtures(this.mvc, this.staff, this.jdbc, this.ledger, this.clock,
				this.protocols);
		UUID patient = fixtures.patient("main");
		VisitChart.Header visit = this.visits.checkIn(this.staff.demo("nurse.main"),
				fixtures.appointmentNow("main", patient),
				new VisitCommands.CheckIn(true, new BigDecimal("80"), "Sam Lee", "555-0100"));
		this.mvc
			.perform(post("/api/v1/patients/{id}/responses", patient).with(TestStaff.as(this.staff.demo("nurse.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"instrument": "PHQ-9", "answers": [2, 2, 1, 1, 0, 1, 1, 0, 1], "timePoint": "baseline"}
						"""))
			.andExpect(status().isCreated());
		String alert = "/outcomes/alerts/" + this.jdbc.sql("SELECT id FROM outcome_safety_alerts WHERE patient_id = ?")
			.param(patient)
			.query(UUID.class)
			.single();
		try (Browser browser = Browser.start(InfusionJourneyIT.class, this.port)) {
			browser.signIn("physician.main", TestStaff.DEMO_PASSWORD);
			browser.open("/infusions");
			assertThat(browser.text(By.cssSelector("tr[data-visit='" + visit.id() + "']")))
				.contains("Safety alert: PHQ-9");
			browser.screenshot("infusion-board-safety-alert");
			browser.windowSize(820, 1180);
			browser.screenshot("infusion-board-safety-alert-tablet");

			browser.tabToLink(alert, 400);
			String opened = browser.text(By.id("board-updated"));
			await().atMost(Duration.ofSeconds(10)).until(() -> !browser.text(By.id("board-updated")).equals(opened));
			assertThat(browser.focusedHref()).as("the refreshed rows keep the focus on the alert's link")
				.isEqualTo(alert);
			browser.pressEnter();
			assertThat(browser.currentPath()).isEqualTo(alert);

			browser.signIn("nurse.main", TestStaff.DEMO_PASSWORD);
			browser.open("/infusions");
			assertThat(browser.text(By.cssSelector("tr[data-visit='" + visit.id() + "']")))
				.contains("Safety alert: PHQ-9 — physician to acknowledge");
			browser.screenshot("infusion-board-safety-alert-nurse-tablet");
		}
	}

	@Test
	void anAdverseEventIsCorrectedWithTheKeyboardAndTheChartMarksItAmended() throws Exception {
		InfusionFixtures fixtures = new InfusionFixtures(this.mvc, this.staff, this.jdbc, this.ledger, this.clock,
				this.protocols);
		StaffPrincipal nurse = this.staff.demo("nurse.main");
		VisitChart.Header visit = this.visits.checkIn(nurse, fixtures.appointmentNow("main", fixtures.patient("main")),
				new VisitCommands.CheckIn(true, new BigDecimal("80"), "Sam Lee", "555-0100"));
		this.visits.adverseEvent(nurse, visit.id(),
				new VisitCommands.AdverseEvent("anxiety", null, "mild", "reassurance", "settled"));
		try (Browser browser = Browser.start(InfusionJourneyIT.class, this.port)) {
			browser.signIn("nurse.main", TestStaff.DEMO_PASSWORD);
			browser.open("/visits/" + visit.id() + "#amendment");
			browser.focus("adverseEventId");
			browser.tabTo("adverseEventField");
			browser.typeAndTab("Severity");
			browser.tabTo("adverseEventValue");
			browser.typeAndTab("catastrophic");
			browser.tabTo("adverseEventReason");
			browser.typeAndTab("Needed lorazepam in the end");
			browser.focus("adverseEventReason");
			browser.pressEnter();
			assertThat(browser.text(By.id("adverseEventValue-error")))
				.contains("severity must be mild, moderate or severe");
			browser.screenshot("chart-amendment-error");
			browser.type("adverseEventValue", "moderate");
			browser.pressEnter();
			assertThat(browser.text(By.id("adverse-events"))).contains("anxiety (moderate)").contains("amended");
			assertThat(browser.text(By.id("amendments"))).contains("MILD").contains("MODERATE");
			browser.screenshot("chart-amended-adverse-event");
			browser.windowSize(820, 1180);
			browser.screenshot("chart-amended-adverse-event-tablet");
		}
	}

	private static void recordVitals(Browser browser, String systolic, String diastolic, String heartRate,
			String spo2) {
		browser.type("systolic", systolic);
		browser.type("diastolic", diastolic);
		browser.type("heartRate", heartRate);
		browser.type("spo2", spo2);
		browser.type("respiratoryRate", "14");
		browser.click(By.xpath("//button[normalize-space()='Record vitals']"));
	}

	/**
	 * Whether the condition holds now; a board row replaced by a refresh while it was
	 * read counts as not yet.
	 */
	private static boolean holds(java.util.function.BooleanSupplier condition) {
		try {
			return condition.getAsBoolean();
		}
		catch (org.openqa.selenium.StaleElementReferenceException ex) {
			return false;
		}
	}

	private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!holds(condition)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("The board did not update within 10 seconds");
			}
			Thread.sleep(250);
		}
	}

}
