package org.ketacare.clinic;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@KetaCareIntegrationTest
class StaffAdministrationIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	StaffDirectory directory;

	@Autowired
	JdbcClient jdbc;

	@Test
	void administratorAddsAStaffMemberWithRoles() throws Exception {
		String username = "new" + UUID.randomUUID().toString().substring(0, 6) + ".main";
		this.mvc
			.perform(post("/admin/staff").with(csrf())
				.with(TestStaff.as(admin()))
				.param("username", username)
				.param("displayName", "Nora Nurse")
				.param("roles", "NURSE", "PHYSICIAN")
				.param("password", "a long enough passphrase")
				.param("passwordRepeat", "a long enough passphrase"))
			.andExpect(redirectedUrlPattern("/admin/staff/*"));
		StaffPrincipal created = this.staff.demo(username);
		assertThat(created.roles()).containsExactlyInAnyOrder(Role.NURSE, Role.PHYSICIAN);
		assertThat(created.clinicSlug()).isEqualTo("main");
		assertThat(auditCount("STAFF_CREATED", created.staffId())).isEqualTo(1);
	}

	@Test
	void aPasswordShorterThanTwelveCharactersIsRefusedNextToTheFieldAndNothingIsSaved() throws Exception {
		String username = "short" + UUID.randomUUID().toString().substring(0, 6);
		this.mvc
			.perform(post("/admin/staff").with(csrf())
				.with(TestStaff.as(admin()))
				.param("username", username)
				.param("displayName", "Short Password")
				.param("roles", "NURSE")
				.param("password", "elevenchars")
				.param("passwordRepeat", "elevenchars"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"password-error\"")))
			.andExpect(content().string(containsString("at least 12 characters")));
		assertThat(usernameCount(username)).isZero();
	}

	@Test
	void aTakenUsernameIsRefused() throws Exception {
		this.mvc
			.perform(post("/admin/staff").with(csrf())
				.with(TestStaff.as(admin()))
				.param("username", "nurse.north")
				.param("displayName", "Duplicate")
				.param("roles", "NURSE")
				.param("password", "a long enough passphrase")
				.param("passwordRepeat", "a long enough passphrase"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("is already taken")));
	}

	@Test
	void aStaffMemberNeedsAtLeastOneRole() throws Exception {
		String username = "norole" + UUID.randomUUID().toString().substring(0, 6);
		this.mvc
			.perform(post("/admin/staff").with(csrf())
				.with(TestStaff.as(admin()))
				.param("username", username)
				.param("displayName", "No Role")
				.param("password", "a long enough passphrase")
				.param("passwordRepeat", "a long enough passphrase"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("choose at least one role")));
		assertThat(usernameCount(username)).isZero();
	}

	@Test
	void rolesSavedOnAStaleVersionAreRefusedAsAConflict() throws Exception {
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		StaffMember before = this.directory.get(nurse.clinicId(), nurse.staffId());
		this.directory.changeRoles(admin(), nurse.staffId(), java.util.Set.of(Role.NURSE, Role.INTAKE),
				before.version());
		this.mvc
			.perform(post("/admin/staff/{id}/roles", nurse.staffId()).with(csrf())
				.with(TestStaff.as(admin()))
				.param("roles", "THERAPIST")
				.param("version", Integer.toString(before.version())))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("Someone else changed this staff member")));
		assertThat(this.directory.get(nurse.clinicId(), nurse.staffId()).roles()).containsExactlyInAnyOrder(Role.NURSE,
				Role.INTAKE);
	}

	@Test
	void aDeactivatedStaffMemberCannotSignInAndIsNeverDeleted() throws Exception {
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		int version = this.directory.get(nurse.clinicId(), nurse.staffId()).version();
		this.mvc
			.perform(post("/admin/staff/{id}/deactivate", nurse.staffId()).with(csrf())
				.with(TestStaff.as(admin()))
				.param("version", Integer.toString(version)))
			.andExpect(redirectedUrl("/admin/staff/" + nurse.staffId()));
		this.mvc.perform(
				post("/login").with(csrf()).param("username", nurse.username()).param("password", TestStaff.PASSWORD))
			.andExpect(redirectedUrl("/login?error"));
		assertThat(this.directory.get(nurse.clinicId(), nurse.staffId()).active()).isFalse();
		assertThat(auditCount("STAFF_DEACTIVATED", nurse.staffId())).isEqualTo(1);
	}

	@Test
	void administratorsCannotDeactivateThemselves() {
		StaffPrincipal secondAdmin = this.staff.create("main", Role.CLINIC_ADMIN);
		int version = this.directory.get(secondAdmin.clinicId(), secondAdmin.staffId()).version();
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.directory.deactivate(secondAdmin, secondAdmin.staffId(), version))
			.hasMessageContaining("your own account");
	}

	@Test
	void aPasswordResetLiftsTheLockoutAndTheNewPasswordWorks() throws Exception {
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		for (int attempt = 1; attempt <= 5; attempt++) {
			this.mvc.perform(post("/login").with(csrf()).param("username", nurse.username()).param("password", "nope"));
		}
		int version = this.directory.get(nurse.clinicId(), nurse.staffId()).version();
		this.mvc
			.perform(post("/admin/staff/{id}/password", nurse.staffId()).with(csrf())
				.with(TestStaff.as(admin()))
				.param("password", "a fresh new passphrase")
				.param("passwordRepeat", "a fresh new passphrase")
				.param("version", Integer.toString(version)))
			.andExpect(redirectedUrl("/admin/staff/" + nurse.staffId()));
		this.mvc
			.perform(post("/login").with(csrf())
				.param("username", nurse.username())
				.param("password", "a fresh new passphrase"))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void staffListShowsTheClinicsStaff() throws Exception {
		this.mvc.perform(get("/admin/staff").with(TestStaff.as(admin())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("nurse.main")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("nurse.north"))));
	}

	private StaffPrincipal admin() {
		return this.staff.demo("admin.main");
	}

	private long auditCount(String action, UUID staffId) {
		return this.jdbc.sql("SELECT count(*) FROM audit_events WHERE action = ? AND target_id = ?")
			.params(action, staffId.toString())
			.query(Long.class)
			.single();
	}

	private long usernameCount(String username) {
		return this.jdbc.sql("SELECT count(*) FROM staff_users WHERE username = ?")
			.param(username)
			.query(Long.class)
			.single();
	}

}
