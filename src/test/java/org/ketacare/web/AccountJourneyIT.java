package org.ketacare.web;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A staff member changes their own password in a real browser: a guessable new one is
 * refused next to its field, then the old password no longer signs in and the new one
 * does. Screenshots land in {@code target/screenshots}.
 */
@KetaCareIntegrationTest
class AccountJourneyIT {

	private static final String NEW_PASSWORD = "quiet lantern over seven hills";

	private static HeadlessChromium chromium;

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	TestStaff staff;

	private WebDriverWait wait;

	@BeforeAll
	static void startBrowser() throws IOException {
		chromium = HeadlessChromium.start(AccountJourneyIT.class.getSimpleName());
		browser = chromium.driver();
	}

	@AfterAll
	static void quitBrowser() throws IOException {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void nurseChangesTheirPasswordThenOnlyTheNewOneSignsIn() {
		this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		browser.get("http://localhost:" + this.port + "/");
		signIn(nurse.username(), TestStaff.PASSWORD);

		browser.findElement(By.cssSelector(".site-header .user")).findElement(By.linkText("Change password")).click();
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Change password"));
		type("currentPassword", TestStaff.PASSWORD);
		type("password", "Password1234!");
		type("passwordRepeat", "Password1234!");
		submit("Change password");

		WebElement error = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-error")));
		assertThat(error.getText()).contains("is a commonly used password or too easy to guess");
		assertThat(browser.findElement(By.id("password")).getDomAttribute("aria-invalid")).isEqualTo("true");
		chromium.screenshot("change-password-errors");

		type("currentPassword", TestStaff.PASSWORD);
		type("password", NEW_PASSWORD);
		type("passwordRepeat", NEW_PASSWORD);
		submit("Change password");
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Change password"));
		assertThat(browser.findElement(By.cssSelector("[role=status].flash")).getText())
			.startsWith("Your password is changed.");
		chromium.screenshot("change-password-done");

		submit("Sign out");
		this.wait.until(ExpectedConditions.urlContains("signedOut"));
		signInWith(nurse.username(), TestStaff.PASSWORD);
		assertThat(this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error"))).getText())
			.contains("Wrong username or password");
		signIn(nurse.username(), NEW_PASSWORD);
		assertThat(browser.findElement(By.id("signed-in-user")).getText()).isEqualTo(nurse.displayName());
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
