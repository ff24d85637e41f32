package org.ketacare.screening;

import java.io.IOException;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.web.Browser;
import org.openqa.selenium.By;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call in a real browser: the intake coordinator registers the caller with the keyboard
 * only, screens them, and a physician signs the decision.
 */
@KetaCareIntegrationTest
class IntakeJourneyIT {

	private static Browser browser;

	@LocalServerPort
	int port;

	@BeforeEach
	void startBrowser() throws IOException {
		if (browser == null) {
			browser = Browser.start(IntakeJourneyIT.class, this.port);
		}
	}

	@AfterAll
	static void quitBrowser() throws IOException {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

	@Test
	void aCallFromFirstContactToPhysicianApproval() {
		String family = "Caller" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "q");
		browser.signIn("intake.main", TestStaff.DEMO_PASSWORD);
		browser.clickNavigation("/patients");
		assertThat(browser.heading()).isEqualTo("Patients");
		browser.clickLink("New patient (first call)");
		registerByKeyboard("Lucía", family, "female");
		assertThat(browser.text(By.id("patient-name"))).isEqualTo("Lucía " + family);
		assertThat(browser.text(By.id("patient-status"))).isEqualTo("Inquiry");
		assertThat(browser.text(By.id("measurements"))).contains("68.5 kg").contains("164.0 cm").contains("25.5");
		browser.screenshot("intake-patient-page");

		browser.click(By.id("new-screening"));
		answerEverything(false);
		browser.screenshot("intake-screening-form");
		browser.click(By.id("record-screening"));
		assertThat(browser.text(By.id("outcome"))).startsWith("ELIGIBLE");
		assertThat(browser.text(By.id("reasons"))).contains("Treatment-resistant")
			.contains("Blood pressure is controlled");
		assertThat(browser.text(By.id("maudsley"))).isEqualTo("8 (moderate)");
		browser.screenshot("intake-screening-result");
		browser.signOut();

		browser.signIn("physician.main", TestStaff.DEMO_PASSWORD);
		browser.clickNavigation("/screening");
		assertThat(browser.text(By.id("awaiting"))).contains("Lucía " + family);
		browser.click(By.xpath("//tr[contains(., '" + family + "')]//a[normalize-space()='Review']"));
		assertThat(browser.heading()).isEqualTo("Review: Lucía " + family);
		browser.choose("decision-approved");
		browser.type("password", TestStaff.DEMO_PASSWORD);
		browser.screenshot("intake-physician-review");
		browser.click(By.id("sign"));
		assertThat(browser.text(By.id("review-status"))).contains("APPROVED")
			.contains("signed by Physician (main)")
			.contains("Approved for ketamine treatment")
			.contains("Valid until");

		browser.click(By.linkText("Lucía " + family + ", MRN " + mrnOnPage()));
		assertThat(browser.text(By.id("patient-status"))).isEqualTo("Eligible");
		assertThat(browser.text(By.id("approval"))).contains("Approved by Physician (main)");
		assertThat(browser.text(By.id("screening-history"))).contains("ELIGIBLE").contains("APPROVED");
		browser.screenshot("intake-patient-approved");
		browser.signOut();
	}

	@Test
	void aPregnantCallerIsFoundIneligible() {
		String family = "Expecting" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "q");
		browser.signIn("intake.main", TestStaff.DEMO_PASSWORD);
		browser.open("/patients/new");
		registerByKeyboard("Maya", family, "female");
		browser.click(By.id("new-screening"));
		answerEverything(true);
		browser.click(By.id("record-screening"));

		assertThat(browser.text(By.id("outcome"))).startsWith("INELIGIBLE");
		assertThat(browser.text(By.id("reasons"))).contains("Currently pregnant");
		assertThat(browser.all(By.cssSelector("#reasons tr.CONTRAINDICATION"))).hasSize(1);
		browser.screenshot("intake-pregnant-ineligible");
		browser.signOut();

		browser.signIn("physician.main", TestStaff.DEMO_PASSWORD);
		browser.clickNavigation("/screening");
		browser.click(By.xpath("//tr[contains(., '" + family + "')]//a[normalize-space()='Review']"));
		browser.choose("decision-approved");
		browser.type("password", TestStaff.DEMO_PASSWORD);
		browser.click(By.id("sign"));
		assertThat(browser.text(By.id("justification-error"))).contains("is required to approve");

		browser.choose("decision-declined");
		browser.type("password", TestStaff.DEMO_PASSWORD);
		browser.click(By.id("sign"));
		assertThat(browser.text(By.id("review-status"))).contains("DECLINED");
		browser.signOut();
	}

	/**
	 * Fills the intake form from the first field to the last with typing and Tab only.
	 */
	private void registerByKeyboard(String given, String family, String sex) {
		browser.focus("givenName");
		browser.typeAndTab(given);
		browser.typeAndTab(family);
		browser.typeAndTab("03211986");
		browser.tabTo("sexAtBirth");
		browser.typeAndTab(sex.substring(0, 1));
		browser.typeAndTab("y");
		browser.typeAndTab("68.5");
		browser.typeAndTab("164");
		browser.typeAndTab("+1 555 010 0142");
		browser.typeAndTab("");
		browser.typeAndTab("12 Elm Street, Springfield");
		browser.typeAndTab("Rosa " + family);
		browser.typeAndTab("+1 555 010 0143");
		browser.typeAndTab("sister");
		browser.pressEnter();
	}

	private void answerEverything(boolean pregnant) {
		browser.choose(pregnant ? "pregnant-yes" : "pregnant-no");
		browser.type("bloodPressure.systolic", "124");
		browser.type("bloodPressure.diastolic", "80");
		browser.choose("onBloodPressureTreatment-no");
		browser.choose("heartDisease-none");
		browser.choose("previousKetamineReaction-no");
		browser.choose("psychosisHistory-no");
		browser.choose("intracranialPressure-no");
		for (String caution : new String[] { "breastfeeding", "substanceUseDisorder", "severeLiverDisease",
				"uncontrolledHyperthyroidism", "raisedIntraocularPressure", "aneurysmalVascularDisease",
				"seizureDisorder" }) {
			browser.choose(caution + "-no");
		}
		trial(0, "sertraline", "150", "8", "no_response");
		trial(1, "venlafaxine", "225", "10", "partial_response");
		browser.choose("augmentationTried-yes");
		browser.choose("doseChangesTried-yes");
		browser.choose("psychotherapyTried-yes");
		browser.choose("brainStimulation-tms");
		browser.choose("functionalImpairment-very");
		browser.type("baselinePhq9", "18");
		browser.type("episodeMonths", "30");
	}

	private void trial(int row, String drug, String dose, String weeks, String outcome) {
		String prefix = "antidepressantTrials[" + row + "].";
		browser.type(prefix + "drug", drug);
		browser.type(prefix + "dailyDoseMg", dose);
		browser.type(prefix + "weeks", weeks);
		new org.openqa.selenium.support.ui.Select(browser.all(By.id(prefix + "doseAdequate")).get(0))
			.selectByValue("yes");
		new org.openqa.selenium.support.ui.Select(browser.all(By.id(prefix + "adherence")).get(0))
			.selectByValue("good");
		new org.openqa.selenium.support.ui.Select(browser.all(By.id(prefix + "outcome")).get(0)).selectByValue(outcome);
	}

	private String mrnOnPage() {
		String patientLine = browser.text(By.cssSelector("dl.facts dd a"));
		return patientLine.substring(patientLine.lastIndexOf("MRN ") + 4);
	}

}
