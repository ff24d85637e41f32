package org.ketacare.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person does in a real browser: sign in as each demo user, look around, sign out;
 * and the administrator's first task, adding a colleague. Screenshots of the main pages
 * land in {@code target/screenshots} for people to look at.
 */
@KetaCareIntegrationTest
class SignInJourneyIT {

	private static final Dimension DESKTOP = new Dimension(1280, 900);

	private static final Dimension TABLET = new Dimension(768, 1024);

	private static HeadlessChromium chromium;

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	TestStaff staff;

	private WebDriverWait wait;

	@BeforeAll
	static void startBrowser() throws IOException {
		chromium = HeadlessChromium.start(SignInJourneyIT.class.getSimpleName());
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

	static Stream<DemoUser> demoUsers() {
		return Stream.of("main", "north")
			.flatMap((clinic) -> Stream.of(
					new DemoUser("intake." + clinic, "Intake Coordinator (" + clinic + ")", clinic,
							List.of("Home", "Patients", "Screening", "Schedule"),
							List.of("Staff", "Audit trail", "Clinic settings", "Infusion board")),
					new DemoUser("nurse." + clinic, "Nurse (" + clinic + ")", clinic,
							List.of("Home", "Patients", "Infusion board", "Ketamine ledger"),
							List.of("Staff", "Audit trail", "Clinic settings", "Screening")),
					new DemoUser("physician." + clinic, "Physician (" + clinic + ")", clinic,
							List.of("Home", "Screening", "Infusion board", "Setting sign-off", "Clinic settings"),
							List.of("Staff", "Audit trail")),
					new DemoUser("therapist." + clinic, "Therapist (" + clinic + ")", clinic,
							List.of("Home", "Patients", "Therapy sessions", "Outcomes"),
							List.of("Staff", "Audit trail", "Clinic settings", "Ketamine ledger")),
					new DemoUser("admin." + clinic, "Clinic Administrator (" + clinic + ")", clinic,
							List.of("Home", "Clinic settings", "Staff", "Audit trail"),
							List.of("Patients", "Setting sign-off", "Therapy sessions"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("demoUsers")
	void demoUserSignsInSeesTheirClinicAndRoleThenSignsOut(DemoUser user) {
		open("/");
		this.wait.until(ExpectedConditions.urlContains("/login"));
		if (user.username().equals("admin.main")) {
			screenshot("sign-in");
		}
		signIn(user.username(), TestStaff.DEMO_PASSWORD);

		assertThat(heading()).isEqualTo("Welcome, " + user.displayName());
		assertThat(browser.findElement(By.cssSelector(".site-header .clinic strong")).getText())
			.isEqualTo(user.clinicName());
		WebElement clinicTime = browser.findElement(By.id("clinic-time"));
		assertThat(clinicTime.isDisplayed()).isTrue();
		assertThat(clinicTime.getText()).matches("\\w{3} \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} \\S+");
		assertThat(clinicTime.getDomAttribute("datetime")).endsWith("[" + user.clinicZone() + "]");
		assertThat(browser.findElement(By.id("signed-in-user")).getText()).isEqualTo(user.displayName());
		assertThat(navigation()).containsAll(user.sees()).doesNotContainAnyElementsOf(user.doesNotSee());
		if (user.username().equals("admin.main")) {
			screenshot("home-admin");
			screenshot("home-admin-tablet", TABLET);
		}

		signOut();
	}

	@Test
	void wrongPasswordShowsTheErrorAndStaysOnTheSignInPage() {
		StaffPrincipal someone = this.staff.create("main", Role.NURSE);
		open("/login");
		signInWith(someone.username(), "not the right password");

		WebElement error = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
		assertThat(error.getText()).contains("Wrong username or password");
		assertThat(browser.getCurrentUrl()).contains("/login");
		assertThat(browser.findElements(By.id("signed-in-user"))).isEmpty();
	}

	@Test
	void administratorAddsANurseAfterCorrectingATooShortPassword() {
		open("/");
		signIn("admin.main", TestStaff.DEMO_PASSWORD);
		clickNavigation("Staff");
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Staff"));
		screenshot("staff-list");

		browser.findElement(By.linkText("Add a staff member")).click();
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Add a staff member"));
		String username = "browser." + UUID.randomUUID().toString().substring(0, 8);
		String name = "Robin Browser " + username.substring(8);
		type("username", username);
		type("displayName", name);
		checkRole("Nurse");
		type("password", "too short");
		type("passwordRepeat", "too short");
		submit("Add staff member");

		WebElement passwordError = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-error")));
		assertThat(passwordError.getDomAttribute("class")).contains("field-error");
		assertThat(passwordError.getText()).contains("at least 12 characters");
		WebElement password = browser.findElement(By.id("password"));
		assertThat(password.getDomAttribute("aria-invalid")).isEqualTo("true");
		assertThat(password.getDomAttribute("aria-describedby")).contains("password-error");
		assertThat(browser.findElement(By.id("username")).getDomProperty("value")).isEqualTo(username);
		assertThat(browser.findElement(By.id("role-NURSE")).isSelected()).isTrue();
		screenshot("staff-new-errors");

		type("username", username);
		type("displayName", name);
		checkRole("Nurse");
		type("password", "calm river under the old bridge");
		type("passwordRepeat", "calm river under the old bridge");
		submit("Add staff member");

		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), name));
		assertThat(browser.findElement(By.cssSelector("[role=status].flash")).getText())
			.isEqualTo("Added " + name + " (" + username + ")");
		assertThat(browser.findElement(By.id("role-NURSE")).isSelected()).isTrue();
	}

	@Test
	void administratorOpensClinicSettingsAndTheAuditTrail() {
		open("/");
		signIn("admin.main", TestStaff.DEMO_PASSWORD);

		clickNavigation("Clinic settings");
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Clinic settings"));
		assertThat(browser.getCurrentUrl()).endsWith("/settings");
		screenshot("settings");

		clickNavigation("Audit trail");
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Audit trail"));
		assertThat(browser.getCurrentUrl()).endsWith("/audit");
		assertThat(browser.findElement(By.cssSelector("table.audit")).getText()).contains("SIGN_IN");
		screenshot("audit");
	}

	private void open(String path) {
		browser.get("http://localhost:" + this.port + path);
	}

	private void signIn(String username, String password) {
		this.wait.until(ExpectedConditions.urlContains("/login"));
		signInWith(username, password);
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-user")));
	}

	private void signInWith(String username, String password) {
		type("username", username);
		type("password", password);
		submit("Sign in");
	}

	private void signOut() {
		submit("Sign out");
		this.wait.until(ExpectedConditions.urlContains("signedOut"));
		assertThat(browser.findElement(By.cssSelector("[role=status].flash")).getText())
			.isEqualTo("You are signed out.");
		assertThat(browser.findElements(By.id("signed-in-user"))).isEmpty();
	}

	private void type(String fieldId, String text) {
		WebElement field = this.wait.until(ExpectedConditions.elementToBeClickable(By.id(fieldId)));
		field.clear();
		field.sendKeys(text);
	}

	private void checkRole(String label) {
		WebElement box = browser
			.findElement(By.xpath("//label[normalize-space()='" + label + "']/preceding-sibling::input"));
		if (!box.isSelected()) {
			box.click();
		}
	}

	private void submit(String buttonText) {
		WebElement button = browser.findElement(By.xpath("//button[normalize-space()='" + buttonText + "']"));
		button.click();
		this.wait.until(HeadlessChromium.gone(button));
	}

	private void clickNavigation(String label) {
		browser.findElement(By.cssSelector("nav[aria-label=Main]")).findElement(By.linkText(label)).click();
	}

	private String heading() {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText();
	}

	private List<String> navigation() {
		return browser.findElements(By.cssSelector("nav[aria-label=Main] li"))
			.stream()
			.map((item) -> item.getText().strip())
			.toList();
	}

	private static void screenshot(String name, Dimension viewport) {
		try {
			browser.manage().window().setSize(viewport);
			List<?> inner = (List<?>) browser.executeScript("return [window.innerWidth, window.innerHeight];");
			int width = 2 * viewport.getWidth() - ((Number) inner.get(0)).intValue();
			int height = 2 * viewport.getHeight() - ((Number) inner.get(1)).intValue();
			browser.manage().window().setSize(new Dimension(width, height));
			screenshot(name);
		}
		catch (RuntimeException ex) {
			System.err.println("Screenshot " + name + " not saved: " + ex);
		}
		finally {
			browser.manage().window().setSize(DESKTOP);
		}
	}

	private static void screenshot(String name) {
		chromium.screenshot(name);
	}

	record DemoUser(String username, String displayName, String clinic, List<String> sees, List<String> doesNotSee) {

		String clinicName() {
			return this.clinic.equals("main") ? "Mental Health Center — Main" : "Mental Health Center — North";
		}

		String clinicZone() {
			return this.clinic.equals("main") ? "America/New_York" : "America/Denver";
		}

		@Override
		public String toString() {
			return this.username;
		}

	}

}
