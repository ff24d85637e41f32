package org.ketacare.infusion;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.UUID;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
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
