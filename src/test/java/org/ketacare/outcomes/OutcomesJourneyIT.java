package org.ketacare.outcomes;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.web.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser: a nurse creates a personal PHQ-9 link; the patient fills it in on a
 * phone-sized screen, answering item 9 above 0; the physician sees the urgent alert on
 * their home page and acknowledges it with the action taken. Screenshots land in
 * {@code target/screenshots}.
 */
@KetaCareIntegrationTest
class OutcomesJourneyIT {

	private static final Dimension DESKTOP = new Dimension(1280, 900);

	private static final Dimension TABLET = new Dimension(768, 1024);

	/** The viewport of a common phone (CSS pixels). */
	private static final Dimension PHONE = new Dimension(390, 844);

	private static HeadlessChromium chromium;

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	TestStaff staff;

	@Autowired
	OutcomePatients patients;

	@Autowired
	Responses responses;

	@Autowired
	Clock clock;

	private WebDriverWait wait;

	@BeforeAll
	static void startBrowser() throws IOException {
		chromium = HeadlessChromium.start(OutcomesJourneyIT.class.getSimpleName());
		browser = chromium.driver();
	}

	@AfterAll
	static void quitBrowser() throws IOException {
		if (chromium != null) {
			chromium.close();
		}
	}

	@BeforeEach
	void freshBrowser() {
		browser.manage().deleteAllCookies();
		browser.manage().window().setSize(DESKTOP);
		this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	@Test
	void aPatientsPositiveItemNineReachesThePhysicianWhoAcknowledgesIt() {
		UUID patient = this.patients.newPatient("main");
		history(patient);

		open("/");
		signIn("nurse.main");
		open("/patients/" + patient + "/outcomes");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Outcomes: Alex"));
		new Select(browser.findElement(By.id("link-instrument"))).selectByValue("PHQ-9");
		new Select(browser.findElement(By.id("link-kind"))).selectByValue("pre-infusion");
		type("link-number", "3");
		submit("Create a personal link");
		String link = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-link")))
			.getDomProperty("value");
		assertThat(link).contains("/q/");
		chromium.screenshot("outcomes-patient");
		useViewport(TABLET);
		chromium.screenshot("outcomes-patient-tablet");
		browser.manage().window().setSize(DESKTOP);
		submit("Sign out");
		this.wait.until(ExpectedConditions.urlContains("signedOut"));

		browser.manage().deleteAllCookies();
		useViewport(PHONE);
		browser.get(link);
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Patient Health Questionnaire-9"));
		assertThat(browser.getPageSource()).doesNotContain("Alex").doesNotContain("Sign out");
		int[] answers = { 2, 2, 1, 1, 1, 1, 1, 1, 2 };
		for (int item = 1; item <= 8; item++) {
			choose(item, answers[item - 1]);
		}
		chromium.screenshot("outcomes-link-phone");
		submit("Send my answers");
		WebElement error = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("item-9-error")));
		assertThat(error.getText()).contains("Question 9").contains("please answer question 9");
		assertThat(browser.findElement(By.cssSelector("input[name='item-1'][value='2']")).isSelected()).isTrue();
		choose(9, answers[8]);
		submit("Send my answers");
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Thank you"));
		chromium.screenshot("outcomes-link-done-phone");
		browser.get(link);
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "This link is not valid"));

		browser.manage().window().setSize(DESKTOP);
		browser.manage().deleteAllCookies();
		open("/");
		signIn("physician.main");
		WebElement alert = this.wait.until(ExpectedConditions.visibilityOfElementLocated(
				By.xpath("//section[contains(@class,'safety-alerts')]//a[contains(., 'Alex')]")));
		assertThat(alert.getText()).contains("PHQ-9 item 9");
		chromium.screenshot("outcomes-home-physician-alert");
		String patientName = alert.getText().substring(0, alert.getText().indexOf(" (MRN"));
		alert.click();
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Safety alert"));
		submit("Acknowledge");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("actionTaken-error")));
		type("actionTaken", "Called the patient: no plan or intent; safety plan reviewed, seen tomorrow");
		submit("Acknowledge");
		this.wait.until(ExpectedConditions.urlMatches(".*/$"));
		assertThat(browser.findElement(By.cssSelector("[role=status].flash")).getText())
			.isEqualTo("Alert for " + patientName + " acknowledged");
		assertThat(browser.findElements(
				By.xpath("//section[contains(@class,'safety-alerts')]//a[contains(., '" + patientName + "')]")))
			.isEmpty();

		open("/patients/" + patient + "/outcomes");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Outcomes: Alex"));
		assertThat(browser.findElement(By.id("alerts-heading")).isDisplayed()).isTrue();
		assertThat(browser.getPageSource()).contains("Acknowledged by Physician (main)");
		open("/outcomes/dashboard");
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Clinic outcomes"));
		chromium.screenshot("outcomes-dashboard");
	}

	/** Earlier scores, so that the trend chart has a course to show. */
	private void history(UUID patient) {
		record(patient, "baseline", 20, 3, 3, 2, 2, 2, 2, 2, 2, 0);
		record(patient, "pre-infusion-1", 18, 3, 2, 2, 2, 2, 1, 2, 1, 0);
		record(patient, "pre-infusion-2", 16, 2, 2, 1, 1, 1, 1, 1, 1, 0);
	}

	private void record(UUID patient, String timePoint, int daysAgo, Integer... answers) {
		this.responses.record(this.staff.demo("nurse.main"), patient,
				new NewResponse("PHQ-9", List.of(answers), timePoint, null,
						this.clock.instant().minus(Duration.ofDays(daysAgo)), null, null),
				ResponseRecord.Source.STAFF_ENTRY);
	}

	/** Sizes the window so that the page itself gets this viewport. */
	private static void useViewport(Dimension viewport) {
		browser.manage().window().setSize(viewport);
		List<?> inner = (List<?>) browser.executeScript("return [window.innerWidth, window.innerHeight];");
		browser.manage()
			.window()
			.setSize(new Dimension(2 * viewport.getWidth() - ((Number) inner.get(0)).intValue(),
					2 * viewport.getHeight() - ((Number) inner.get(1)).intValue()));
	}

	private void choose(int item, int score) {
		browser.findElement(By.cssSelector("input[name='item-" + item + "'][value='" + score + "']")).click();
	}

	private void open(String path) {
		browser.get("http://localhost:" + this.port + path);
	}

	private void signIn(String username) {
		this.wait.until(ExpectedConditions.urlContains("/login"));
		type("username", username);
		type("password", TestStaff.DEMO_PASSWORD);
		submit("Sign in");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-user")));
	}

	private void type(String fieldId, String text) {
		WebElement field = this.wait.until(ExpectedConditions.elementToBeClickable(By.id(fieldId)));
		field.clear();
		field.sendKeys(text);
	}

	private void submit(String buttonText) {
		WebElement button = browser.findElement(By.xpath("//button[normalize-space()='" + buttonText + "']"));
		button.click();
		this.wait.until(HeadlessChromium.gone(button));
	}

}
