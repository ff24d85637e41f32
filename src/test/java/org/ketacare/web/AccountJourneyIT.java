package org.ketacare.web;

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
 * A staff member changes their own password in a real browser: a guessable new one is
 * refused next to its field, then the old password no longer signs in and the new one
 * does. Screenshots land in {@code target/screenshots}.
 */
@KetaCareIntegrationTest
class AccountJourneyIT {

	private static final String NEW_PASSWORD = "quiet lantern over seven hills";

	@LocalServerPort
	int port;

	@Autowired
	TestStaff staff;

	@Test
	void nurseChangesTheirPasswordThenOnlyTheNewOneSignsIn() throws Exception {
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		try (Browser browser = Browser.start(AccountJourneyIT.class, this.port)) {
			browser.signIn(nurse.username(), TestStaff.PASSWORD);

			browser.click(By.cssSelector(".site-header .user a[href='/account/password']"));
			assertThat(browser.heading()).isEqualTo("Change password");
			browser.type("currentPassword", TestStaff.PASSWORD);
			browser.type("password", "Password1234!");
			browser.type("passwordRepeat", "Password1234!");
			browser.click(By.xpath("//button[normalize-space()='Change password']"));

			assertThat(browser.text(By.id("password-error")))
				.contains("is a commonly used password or too easy to guess");
			assertThat(browser.all(By.cssSelector("#password[aria-invalid=true]"))).hasSize(1);
			browser.screenshot("change-password-errors");

			browser.type("currentPassword", TestStaff.PASSWORD);
			browser.type("password", NEW_PASSWORD);
			browser.type("passwordRepeat", NEW_PASSWORD);
			browser.click(By.xpath("//button[normalize-space()='Change password']"));
			assertThat(browser.heading()).isEqualTo("Change password");
			assertThat(browser.text(By.cssSelector("[role=status].flash"))).startsWith("Your password is changed.");
			browser.screenshot("change-password-done");

			browser.signOut();
			browser.open("/login");
			browser.type("username", nurse.username());
			browser.type("password", TestStaff.PASSWORD);
			browser.click(By.xpath("//button[normalize-space()='Sign in']"));
			assertThat(browser.text(By.id("signin-error"))).contains("Wrong username or password");
			browser.signIn(nurse.username(), NEW_PASSWORD);
			assertThat(browser.text(By.id("signed-in-user"))).isEqualTo(nurse.displayName());
		}
	}

}
