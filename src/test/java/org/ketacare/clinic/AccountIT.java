package org.ketacare.clinic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A staff member's own account: changing the password ends their other sessions and
 * tokens; an administrator's reset ends all of them; a page session ends twelve hours
 * after sign-in however busy.
 */
@KetaCareIntegrationTest
class AccountIT {

	private static final String NEW_PASSWORD = "amber kettle sings at dawn";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcIndexedSessionRepository sessions;

	@Autowired
	Clock clock;

	@Test
	void changingThePasswordEndsTheOtherSessionsAndTokensButNotThisOne() throws Exception {
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		Cookie here = signIn(nurse.username(), TestStaff.PASSWORD);
		Cookie elsewhere = signIn(nurse.username(), TestStaff.PASSWORD);
		String token = token(nurse.username(), TestStaff.PASSWORD);
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk());

		MvcResult changed = this.mvc
			.perform(post("/account/password").cookie(here)
				.param("currentPassword", TestStaff.PASSWORD)
				.param("password", NEW_PASSWORD)
				.param("passwordRepeat", NEW_PASSWORD)
				.with(csrf()))
			.andExpect(redirectedUrl("/account/password"))
			.andReturn();

		Cookie renewed = changed.getResponse().getCookie("SESSION");
		assertThat(renewed).isNotNull();
		assertThat(renewed.getValue()).isNotEqualTo(here.getValue());
		this.mvc.perform(get("/account/password").cookie(renewed)).andExpect(status().isOk());
		this.mvc.perform(get("/").cookie(elsewhere)).andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized());
		signInAttempt(nurse.username(), TestStaff.PASSWORD).andExpect(redirectedUrl("/login?error"));
		signInAttempt(nurse.username(), NEW_PASSWORD).andExpect(redirectedUrl("/"));
		assertThat(auditCount(nurse.username(), "PASSWORD_CHANGED", "SUCCESS")).isEqualTo(1);
	}

	@Test
	void aWrongCurrentPasswordAndAGuessableNewOneAreShownNextToTheirFieldsAndChangeNothing() throws Exception {
		StaffPrincipal therapist = this.staff.create("main", Role.THERAPIST);
		this.mvc
			.perform(post("/account/password").with(TestStaff.as(therapist))
				.param("currentPassword", "not my password at all")
				.param("password", "Password1234")
				.param("passwordRepeat", "Password12345")
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"currentPassword-error\"")))
			.andExpect(content().string(containsString("Current password is not your current password")))
			.andExpect(
					content().string(containsString("New password is a commonly used password or too easy to guess")))
			.andExpect(content().string(containsString("Repeat the new password does not match the new password")));

		signInAttempt(therapist.username(), TestStaff.PASSWORD).andExpect(redirectedUrl("/"));
		assertThat(auditCount(therapist.username(), "PASSWORD_CHANGED", "FAILURE")).isEqualTo(1);
		assertThat(auditCount(therapist.username(), "PASSWORD_CHANGED", "SUCCESS")).isZero();
	}

	@Test
	void theNewPasswordMustDifferFromTheCurrentOne() throws Exception {
		StaffPrincipal intake = this.staff.create("main", Role.INTAKE);
		this.mvc
			.perform(post("/account/password").with(TestStaff.as(intake))
				.param("currentPassword", TestStaff.PASSWORD)
				.param("password", TestStaff.PASSWORD)
				.param("passwordRepeat", TestStaff.PASSWORD)
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("must differ from your current password")));
	}

	@Test
	void anAdministratorsResetEndsTheSessionsAndTokensOfThePerson() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.main");
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		Cookie session = signIn(nurse.username(), TestStaff.PASSWORD);
		String token = token(nurse.username(), TestStaff.PASSWORD);
		int version = this.jdbc.sql("SELECT version FROM staff_users WHERE id = ?")
			.param(nurse.staffId())
			.query(Integer.class)
			.single();

		this.mvc
			.perform(post("/admin/staff/" + nurse.staffId() + "/password").with(TestStaff.as(admin))
				.param("password", NEW_PASSWORD)
				.param("passwordRepeat", NEW_PASSWORD)
				.param("version", String.valueOf(version))
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/staff/" + nurse.staffId()));

		this.mvc.perform(get("/").cookie(session)).andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void aSessionOfElevenHoursFiftyNineMinutesGoesOn() throws Exception {
		StaffPrincipal physician = this.staff.create("main", Role.PHYSICIAN);
		Cookie session = signIn(physician.username(), TestStaff.PASSWORD);
		signedInAgo(physician.username(), Duration.ofHours(11).plusMinutes(59));

		this.mvc.perform(get("/").cookie(session)).andExpect(status().isOk());
		assertThat(auditCount(physician.username(), "SESSION_EXPIRED", "SUCCESS")).isZero();
	}

	@Test
	void aSessionOfTwelveHoursOneMinuteEndsAndSendsToTheSignInPage() throws Exception {
		StaffPrincipal physician = this.staff.create("main", Role.PHYSICIAN);
		Cookie session = signIn(physician.username(), TestStaff.PASSWORD);
		signedInAgo(physician.username(), Duration.ofHours(12).plusMinutes(1));

		this.mvc.perform(get("/").cookie(session)).andExpect(redirectedUrl("/login?expired"));
		assertThat(auditCount(physician.username(), "SESSION_EXPIRED", "SUCCESS")).isEqualTo(1);
		assertThat(this.sessions.findByPrincipalName(physician.username())).isEmpty();
		this.mvc.perform(get("/login?expired"))
			.andExpect(content().string(containsString("a long time after signing in")));
	}

	@Test
	void aSignInNotesItsTimeInTheSession() throws Exception {
		StaffPrincipal intake = this.staff.create("main", Role.INTAKE);
		Instant before = this.clock.instant().minusSeconds(1);
		signIn(intake.username(), TestStaff.PASSWORD);
		Session session = this.sessions.findByPrincipalName(intake.username()).values().iterator().next();
		Instant signedInAt = session.getAttribute(AbsoluteSessionLifetime.SIGNED_IN_AT);
		assertThat(signedInAt).isBetween(before, this.clock.instant().plusSeconds(1));
	}

	/**
	 * Moves the sign-in time noted in the person's session back, as if the clock had
	 * moved on that far.
	 */
	private void signedInAgo(String username, Duration ago) {
		backdate(this.sessions, username, ago);
	}

	private static <S extends Session> void backdate(FindByIndexNameSessionRepository<S> sessions, String username,
			Duration ago) {
		for (S session : sessions.findByPrincipalName(username).values()) {
			Instant signedInAt = session.getAttribute(AbsoluteSessionLifetime.SIGNED_IN_AT);
			session.setAttribute(AbsoluteSessionLifetime.SIGNED_IN_AT, signedInAt.minus(ago));
			sessions.save(session);
		}
	}

	private Cookie signIn(String username, String password) throws Exception {
		MvcResult result = signInAttempt(username, password).andExpect(redirectedUrl("/")).andReturn();
		Cookie session = result.getResponse().getCookie("SESSION");
		assertThat(session).isNotNull();
		return session;
	}

	private ResultActions signInAttempt(String username, String password) throws Exception {
		return this.mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()));
	}

	private String token(String username, String password) throws Exception {
		String body = this.mvc
			.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.access_token").exists())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return com.jayway.jsonpath.JsonPath.read(body, "$.access_token");
	}

	private long auditCount(String username, String action, String outcome) {
		return this.jdbc
			.sql("SELECT count(*) FROM audit_events WHERE actor_username = ? AND action = ? AND outcome = ?")
			.params(username, action, outcome)
			.query(Long.class)
			.single();
	}

}
