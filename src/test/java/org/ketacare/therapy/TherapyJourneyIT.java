package org.ketacare.therapy;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.course.Protocols;
import org.ketacare.infusion.InfusionFixtures;
import org.ketacare.ledger.Ledger;
import org.ketacare.web.Browser;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The therapist's day in the browser: the integration due after yesterday's infusion, the
 * session recorded and signed from the keyboard, after one field error.
 */
@KetaCareIntegrationTest
class TherapyJourneyIT {

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

	@Test
	void anIntegrationDueAfterAnInfusionIsRecordedAndSigned() throws Exception {
		InfusionFixtures fixtures = new InfusionFixtures(this.mvc, this.staff, this.jdbc, this.ledger, this.clock,
				this.protocols);
		UUID patient = fixtures.patient("main");
		UUID appointment = fixtures.appointment("main", patient, this.clock.instant().minus(Duration.ofHours(26)));
		this.jdbc.sql("UPDATE appointments SET status = 'ATTENDED' WHERE id = ?").params(appointment).update();
		try (Browser therapist = Browser.start(TherapyJourneyIT.class, this.port)) {
			therapist.signIn("therapist.main", TestStaff.DEMO_PASSWORD);
			therapist.clickNavigation("/therapy");
			assertThat(therapist.heading()).isEqualTo("Therapy sessions");
			therapist.screenshot("therapy-integration-due");
			therapist.click(By.cssSelector("#integration-due a[href='/patients/" + patient + "/therapy']"));
			assertThat(therapist.heading()).startsWith("Therapy sessions of Robin Chair");

			therapist.click(By.cssSelector("#kind option[value='INTEGRATION']"));
			therapist.type("minutes", "50");
			therapist.type("password", TestStaff.DEMO_PASSWORD);
			therapist.click(By.xpath("//button[normalize-space()='Record and sign']"));
			assertThat(therapist.text(By.id("note-error"))).contains("Note is required");
			therapist.screenshot("therapy-session-error");

			therapist.type("note", "Described the infusion as calm; wants to reconnect with her sister.");
			therapist.type("password", TestStaff.DEMO_PASSWORD);
			therapist.click(By.xpath("//button[normalize-space()='Record and sign']"));
			assertThat(therapist.text(By.cssSelector(".flash"))).isEqualTo("Integration session recorded and signed");
			assertThat(therapist.text(By.cssSelector(".therapy-session .note"))).contains("reconnect with her sister");
			therapist.screenshot("therapy-session-signed");
			therapist.windowSize(820, 1180);
			therapist.screenshot("therapy-session-signed-tablet");

			therapist.clickNavigation("/therapy");
			assertThat(therapist.all(By.cssSelector("#integration-due a[href='/patients/" + patient + "/therapy']")))
				.isEmpty();
		}
	}

}
