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
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@KetaCareIntegrationTest
class SignInIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Test
	void demoUserSignsInAndTheSignInIsAudited() throws Exception {
		long before = auditCount("nurse.main", "SIGN_IN", "SUCCESS");
		signIn("nurse.main", TestStaff.DEMO_PASSWORD).andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/"));
		assertThat(auditCount("nurse.main", "SIGN_IN", "SUCCESS")).isEqualTo(before + 1);
	}

	@Test
	void wrongPasswordIsRefusedAndAudited() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.NURSE);
		signIn(user.username(), "not the password at all").andExpect(redirectedUrl("/login?error"));
		assertThat(auditCount(user.username(), "SIGN_IN", "FAILURE")).isEqualTo(1);
	}

	@Test
	void unknownUsernameGetsTheSameAnswerAsAWrongPassword() throws Exception {
		String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
		signIn(nobody, "whatever it is here").andExpect(redirectedUrl("/login?error"));
		assertThat(auditCount(nobody, "SIGN_IN", "FAILURE")).isEqualTo(1);
	}

	@Test
	void fiveFailuresLockTheAccountEvenAgainstTheRightPassword() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.INTAKE);
		for (int attempt = 1; attempt <= 5; attempt++) {
			signIn(user.username(), "wrong password " + attempt).andExpect(redirectedUrl("/login?error"));
		}
		signIn(user.username(), TestStaff.PASSWORD).andExpect(redirectedUrl("/login?error"));
		assertThat(auditCount(user.username(), "ACCOUNT_LOCKED", "SUCCESS")).isEqualTo(1);
		assertThat(auditCount(user.username(), "SIGN_IN", "DENIED")).isEqualTo(1);
	}

	@Test
	void aLockedAccountOpensAgainWhenTheLockoutEnds() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.INTAKE);
		for (int attempt = 1; attempt <= 5; attempt++) {
			signIn(user.username(), "wrong password " + attempt);
		}
		this.jdbc.sql("UPDATE staff_users SET locked_until = now() - interval '1 second' WHERE id = ?")
			.param(user.staffId())
			.update();
		signIn(user.username(), TestStaff.PASSWORD).andExpect(redirectedUrl("/"));
	}

	@Test
	void fourFailuresThenSuccessStartsTheCountAgain() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.INTAKE);
		for (int attempt = 1; attempt <= 4; attempt++) {
			signIn(user.username(), "wrong password " + attempt);
		}
		signIn(user.username(), TestStaff.PASSWORD).andExpect(redirectedUrl("/"));
		signIn(user.username(), "wrong again").andExpect(redirectedUrl("/login?error"));
		signIn(user.username(), TestStaff.PASSWORD).andExpect(redirectedUrl("/"));
	}

	@Test
	void aSignInFormWithoutItsCsrfTokenSignsNobodyIn() throws Exception {
		long before = auditCount("nurse.main", "SIGN_IN", "SUCCESS");
		this.mvc.perform(post("/login").param("username", "nurse.main").param("password", TestStaff.DEMO_PASSWORD))
			.andExpect(redirectedUrl("/login?expired"));
		assertThat(auditCount("nurse.main", "SIGN_IN", "SUCCESS")).isEqualTo(before);
	}

	@Test
	void sessionsAreStoredInTheDatabaseWithTheIdleTimeout() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.THERAPIST);
		signIn(user.username(), TestStaff.PASSWORD).andExpect(redirectedUrl("/"));
		Integer idleSeconds = this.jdbc
			.sql("SELECT max(max_inactive_interval) FROM spring_session WHERE principal_name = ?")
			.param(user.username())
			.query(Integer.class)
			.single();
		assertThat(idleSeconds).isEqualTo(15 * 60);
	}

	private ResultActions signIn(String username, String password) throws Exception {
		return this.mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()));
	}

	private long auditCount(String username, String action, String outcome) {
		return this.jdbc
			.sql("SELECT count(*) FROM audit_events WHERE actor_username = ? AND action = ? AND outcome = ?")
			.params(username, action, outcome)
			.query(Long.class)
			.single();
	}

}
