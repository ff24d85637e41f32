package org.ketacare.clinic;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Each test works in a clinic of its own, so that settings changed here disturb no other
 * test.
 */
@KetaCareIntegrationTest
class ClinicSettingsIT {

	private static final String DOSE = "infusion.dose.default-mg-per-kg";

	private static final String SLOT = "schedule.slot-minutes";

	@Autowired
	ClinicSettings settings;

	@Autowired
	Clinics clinics;

	@Autowired
	TestStaff staff;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	void everySettingStartsAtItsDefaultWithAUnitAndASource() {
		Clinic clinic = newClinic();
		assertThat(this.settings.decimal(clinic.id(), DOSE)).isEqualByComparingTo("0.5");
		assertThat(this.settings.definitions()).allSatisfy((definition) -> {
			assertThat(definition.source()).isNotBlank();
			assertThat(this.settings.value(clinic.id(), definition.key())).isEqualTo(definition.defaultValue());
		});
		assertThat(this.settings.definition(DOSE).unit()).isEqualTo("mg/kg");
	}

	@Test
	void aClinicalChangeWaitsForAPhysiciansSignatureAndThenIsInForce() {
		ClinicStaff clinic = clinicWithStaff();
		SettingChange proposed = this.settings.propose(clinic.admin(), DOSE, "0.4", "Start lower for new patients");
		assertThat(proposed.status()).isEqualTo(SettingChange.Status.PENDING);
		assertThat(this.settings.decimal(clinic.id(), DOSE)).isEqualByComparingTo("0.5");
		Instant beforeApproval = this.clock.instant();

		SettingChange approved = this.settings.approve(clinic.physician(), proposed.id(), TestStaff.PASSWORD);

		assertThat(approved.status()).isEqualTo(SettingChange.Status.IN_FORCE);
		assertThat(approved.decidedByName()).isEqualTo(clinic.physician().displayName());
		assertThat(approved.decisionMeaning()).isEqualTo("Approved clinical setting change");
		assertThat(this.settings.decimal(clinic.id(), DOSE)).isEqualByComparingTo("0.4");
		assertThat(this.settings.valueAt(clinic.id(), DOSE, beforeApproval)).isEqualTo("0.5");
	}

	@Test
	void theValueInForceAtAnyPastTimeCanBeRecovered() {
		ClinicStaff clinic = clinicWithStaff();
		Instant t0 = this.clock.instant();
		this.settings.propose(clinic.admin(), SLOT, "10", "Finer schedule");
		Instant t1 = this.clock.instant();
		this.settings.propose(clinic.admin(), SLOT, "30", "Coarser schedule");
		assertThat(this.settings.valueAt(clinic.id(), SLOT, t0.minusSeconds(1))).isEqualTo("15");
		assertThat(this.settings.valueAt(clinic.id(), SLOT, t1)).isEqualTo("10");
		assertThat(this.settings.value(clinic.id(), SLOT)).isEqualTo("30");
		assertThat(this.settings.history(clinic.id(), SLOT)).extracting(SettingChange::value)
			.containsExactly("30", "10");
	}

	@Test
	void aWrongPasswordMakesNoSignatureAndTheChangeStaysPending() {
		ClinicStaff clinic = clinicWithStaff();
		SettingChange proposed = this.settings.propose(clinic.admin(), DOSE, "0.45", "Titration policy");
		assertThatThrownBy(() -> this.settings.approve(clinic.physician(), proposed.id(), "not my password"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("password");
		assertThat(this.settings.change(clinic.id(), proposed.id()).status()).isEqualTo(SettingChange.Status.PENDING);
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM audit_events WHERE clinic_id = ? AND action = 'SIGNATURE' AND outcome = 'FAILURE'
				""").param(clinic.id()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void onlyAPhysicianSignsAClinicalChange() {
		ClinicStaff clinic = clinicWithStaff();
		SettingChange proposed = this.settings.propose(clinic.admin(), DOSE, "0.45", "Titration policy");
		assertThatThrownBy(() -> this.settings.approve(clinic.admin(), proposed.id(), TestStaff.PASSWORD))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
	}

	@Test
	void aDecidedChangeCannotBeDecidedAgain() {
		ClinicStaff clinic = clinicWithStaff();
		SettingChange proposed = this.settings.propose(clinic.admin(), DOSE, "0.45", "Titration policy");
		this.settings.reject(clinic.physician(), proposed.id(), TestStaff.PASSWORD);
		assertThatThrownBy(() -> this.settings.approve(clinic.physician(), proposed.id(), TestStaff.PASSWORD))
			.isInstanceOf(ConflictException.class);
		assertThat(this.settings.decimal(clinic.id(), DOSE)).isEqualByComparingTo("0.5");
	}

	@Test
	void oneChangeAtATimeWaitsForSignOff() {
		ClinicStaff clinic = clinicWithStaff();
		this.settings.propose(clinic.admin(), DOSE, "0.45", "Titration policy");
		assertThatThrownBy(() -> this.settings.propose(clinic.admin(), DOSE, "0.6", "Another idea"))
			.isInstanceOf(ConflictException.class);
	}

	@Test
	void aValueOutsideTheAllowedRangeIsRefusedNamingTheRule() {
		ClinicStaff clinic = clinicWithStaff();
		assertThatThrownBy(() -> this.settings.propose(clinic.admin(), DOSE, "1.5", "Too high"))
			.isInstanceOfSatisfying(InvalidInputException.class, (ex) -> {
				assertThat(ex.errors().get(0).field()).isEqualTo("value");
				assertThat(ex.errors().get(0).message()).isEqualTo("must be at most 1.0");
			});
		assertThatThrownBy(() -> this.settings.propose(clinic.admin(), DOSE, "half", "Not a number"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("must be a number");
		assertThat(this.settings.history(clinic.id(), DOSE)).isEmpty();
	}

	@Test
	void thePageShowsTheErrorNextToTheFieldAndSavesNothing() throws Exception {
		this.mvc
			.perform(post("/settings/{key}", SLOT).with(csrf())
				.with(TestStaff.as(this.staff.demo("admin.north")))
				.param("value", "500")
				.param("reason", "too coarse"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"value-error\"")))
			.andExpect(content().string(containsString("must be at most 60")));
	}

	@Test
	void physicianSignsOnThePendingPage() throws Exception {
		StaffPrincipal admin = this.staff.create("north", Role.CLINIC_ADMIN);
		StaffPrincipal physician = this.staff.create("north", Role.PHYSICIAN);
		SettingChange proposed = this.settings.propose(admin, "alarm.min-spo2-percent", "91",
				"Agreed at staff meeting");
		this.mvc.perform(get("/settings/pending").with(TestStaff.as(physician)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Agreed at staff meeting")));
		this.mvc
			.perform(post("/settings/changes/{id}/approve", proposed.id()).with(csrf())
				.with(TestStaff.as(physician))
				.param("password", TestStaff.PASSWORD))
			.andExpect(redirectedUrl("/settings/pending"));
		assertThat(this.settings.integer(physician.clinicId(), "alarm.min-spo2-percent")).isEqualTo(91);
	}

	@Test
	void everyStaffMemberReadsTheSettingsThroughTheApi() throws Exception {
		this.mvc.perform(get("/api/v1/settings/{key}", DOSE).with(TestStaff.as(this.staff.demo("nurse.north"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.unit").value("mg/kg"))
			.andExpect(jsonPath("$.clinical").value(true))
			.andExpect(jsonPath("$.source").isNotEmpty());
		this.mvc
			.perform(get("/api/v1/settings/{key}", DOSE).param("at", "yesterday")
				.with(TestStaff.as(this.staff.demo("nurse.north"))))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(
					get("/api/v1/settings/{key}", "no.such-setting").with(TestStaff.as(this.staff.demo("nurse.north"))))
			.andExpect(status().isNotFound());
	}

	@Test
	void settingChangesAreAudited() {
		ClinicStaff clinic = clinicWithStaff();
		SettingChange proposed = this.settings.propose(clinic.admin(), DOSE, "0.45", "Titration policy");
		this.settings.approve(clinic.physician(), proposed.id(), TestStaff.PASSWORD);
		assertThat(this.jdbc.sql("""
				SELECT action FROM audit_events WHERE clinic_id = ? AND target_type = 'setting' ORDER BY seq
				""").param(clinic.id()).query(String.class).list()).containsExactly("SETTING_CHANGE_PROPOSED",
				"SETTING_CHANGE_APPROVED");
	}

	@Test
	void theDatabaseKeepsDecidedChangesAsHistory() {
		ClinicStaff clinic = clinicWithStaff();
		SettingChange change = this.settings.propose(clinic.admin(), SLOT, "20", "Preference");
		assertThatThrownBy(() -> this.jdbc.sql("UPDATE clinic_setting_changes SET value = '45' WHERE id = ?")
			.param(change.id())
			.update()).rootCause().hasMessageContaining("cannot be edited");
		assertThatThrownBy(
				() -> this.jdbc.sql("DELETE FROM clinic_setting_changes WHERE id = ?").param(change.id()).update())
			.rootCause()
			.hasMessageContaining("DELETE is not allowed");
		assertThat(new BigDecimal(this.settings.value(clinic.id(), SLOT))).isEqualByComparingTo("20");
	}

	private Clinic newClinic() {
		return this.clinics.create("s-" + UUID.randomUUID().toString().substring(0, 8), "Settings test", "UTC");
	}

	private ClinicStaff clinicWithStaff() {
		Clinic clinic = newClinic();
		StaffPrincipal admin = principal(clinic, Role.CLINIC_ADMIN);
		StaffPrincipal physician = principal(clinic, Role.PHYSICIAN);
		return new ClinicStaff(clinic.id(), admin, physician);
	}

	/**
	 * A staff member of a clinic made for the test, inserted directly: the clinic has no
	 * administrator yet.
	 */
	private StaffPrincipal principal(Clinic clinic, Role role) {
		UUID id = UUID.randomUUID();
		String username = role.name().toLowerCase().replace('_', '-') + "." + clinic.slug();
		this.jdbc.sql("""
				INSERT INTO staff_users (clinic_id, id, username, display_name, password_hash, active,
				    password_changed_at, created_at)
				VALUES (?, ?, ?, ?, ?, TRUE, now(), now())
				""").params(clinic.id(), id, username, "Dr " + username, "{noop}" + TestStaff.PASSWORD).update();
		this.jdbc.sql("INSERT INTO staff_roles (clinic_id, staff_id, role) VALUES (?, ?, ?)")
			.params(clinic.id(), id, role.name())
			.update();
		return this.staff.demo(username);
	}

	private record ClinicStaff(UUID id, StaffPrincipal admin, StaffPrincipal physician) {
	}

}
