package org.ketacare.web;

import java.time.Clock;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new colleague sets up two-step sign-in in a real browser, reading the key off the
 * page as they would type it into their app, then signs out and in again with the
 * password and the code. Screenshots of the set-up and code pages at desktop and tablet
 * width land in {@code target/screenshots}.
 */
@KetaCareIntegrationTest
class SecondFactorJourneyIT {

	@LocalServerPort
	int port;

	@Autowired
	TestStaff staff;

	@Autowired
	Clock clock;

	@Test
	void aNurseSetsUpTwoStepSignInThenSignsInWithPasswordAndCode() throws Exception {
		try (Browser browser = Browser.start(SecondFactorJourneyIT.class, this.port)) {
			setUpThenSignInAgain(browser, this.staff.create("main", Role.NURSE));
			browser.signOut();
		}
	}

	private void setUpThenSignInAgain(Browser browser, StaffPrincipal nurse) throws Exception {
		browser.windowSize(1280, 900);
		browser.signIn(nurse.username(), TestStaff.PASSWORD);
		browser.clickLink("Two-step sign-in");
		assertThat(browser.heading()).isEqualTo("Two-step sign-in");
		browser.click(By.xpath("//button[normalize-space()='Set up two-step sign-in']"));

		String secret = browser.text(By.id("secret")).replace(" ", "");
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(browser.all(By.cssSelector("img.qr")).get(0).getDomAttribute("src"))
			.startsWith("data:image/png;base64,");
		browser.screenshot("two-step-setup");
		browser.windowSize(768, 1024);
		browser.screenshot("two-step-setup-tablet");
		browser.windowSize(1280, 900);

		browser.type("code", code(secret, -1));
		browser.click(By.xpath("//button[normalize-space()='Turn on two-step sign-in']"));
		assertThat(browser.all(By.cssSelector("#recovery-codes li"))).hasSize(10);
		assertThat(browser.text(By.id("two-step-status"))).contains("on");
		browser.screenshot("two-step-recovery-codes");
		browser.signOut();

		browser.open("/login");
		browser.type("username", nurse.username());
		browser.type("password", TestStaff.PASSWORD);
		browser.click(By.xpath("//button[normalize-space()='Sign in']"));
		assertThat(browser.currentPath()).isEqualTo("/login/code");
		assertThat(browser.all(By.id("signed-in-user"))).isEmpty();
		browser.screenshot("sign-in-code");

		browser.type("code", "12345x");
		browser.click(By.xpath("//button[normalize-space()='Continue']"));
		assertThat(browser.text(By.id("code-error"))).contains("Sign-in code is wrong");
		assertThat(browser.all(By.id("code")).get(0).getDomAttribute("aria-describedby")).contains("code-error");
		browser.screenshot("sign-in-code-error");
		browser.windowSize(768, 1024);
		browser.screenshot("sign-in-code-error-tablet");
		browser.windowSize(1280, 900);

		browser.type("code", code(secret, 0));
		browser.click(By.xpath("//button[normalize-space()='Continue']"));
		assertThat(browser.text(By.id("signed-in-user"))).isEqualTo(nurse.displayName());
		assertThat(browser.currentPath()).isEqualTo("/");
	}

	@Test
	void theAdministratorResetsTheTwoStepSignInOfSomeoneWhoLostTheirPhone() throws Exception {
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		try (Browser browser = Browser.start(SecondFactorJourneyIT.class, this.port)) {
			setUpThenSignInAgain(browser, nurse);
			browser.signIn("admin.main", TestStaff.DEMO_PASSWORD);
			browser.open("/admin/staff/" + nurse.staffId());
			assertThat(browser.text(By.id("two-step-state"))).startsWith("On");
			browser.screenshot("staff-two-step");
			browser.click(By.xpath("//button[normalize-space()='Reset two-step sign-in']"));
			assertThat(browser.text(By.cssSelector("[role=status].flash"))).startsWith("Two-step sign-in reset");
			assertThat(browser.text(By.id("two-step-state"))).startsWith("Off");
			browser.windowSize(768, 1024);
			browser.screenshot("staff-two-step-reset-tablet");
			browser.signOut();
			browser.signIn(nurse.username(), TestStaff.PASSWORD);
			assertThat(browser.currentPath()).isEqualTo("/");
		}
	}

	/** What the nurse's app shows for the time step {@code offset} steps from now. */
	private String code(String secret, int offset) throws CodeGenerationException, InterruptedException {
		long intoStep = this.clock.millis() % 30_000;
		if (intoStep > 27_000) {
			Thread.sleep(30_000 - intoStep + 100);
		}
		return new DefaultCodeGenerator().generate(secret, this.clock.instant().getEpochSecond() / 30 + offset);
	}

}
