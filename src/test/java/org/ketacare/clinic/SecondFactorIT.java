package org.ketacare.clinic;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Two-step sign-in through the real filter chain: set-up, the second step after the
 * password, lockout, replay, recovery codes, the requirement, the token API and the
 * administrator's reset.
 *
 * <p>
 * The installation requires two-step sign-in of no role in the test profile (so the other
 * tests sign in with passwords), and the tests share one context, so the forced set-up is
 * shown with a person the administrator requires it of: that goes through the same check
 * after the password as a required role does. That the prod profile requires it of every
 * role is {@link SecondFactorPropertiesTests}.
 */
@KetaCareIntegrationTest
class SecondFactorIT {

	private static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<");

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	StaffDirectory directory;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	void aStaffMemberSetsUpTwoStepSignInAndGetsTenRecoveryCodesOnce() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.NURSE);
		this.mvc.perform(get("/account/two-step").with(TestStaff.as(user)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Set up two-step sign-in")));
		this.mvc.perform(post("/account/two-step/start").with(TestStaff.as(user)).with(csrf()))
			.andExpect(redirectedUrl("/account/two-step"));
		String page = this.mvc.perform(get("/account/two-step").with(TestStaff.as(user)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("src=\"data:image/png;base64,");
		String secret = secretOn(page);
		String stored = this.jdbc.sql("SELECT secret_encrypted FROM staff_second_factors WHERE staff_id = ?")
			.param(user.staffId())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain(secret);

		// Not in use until confirmed: the password alone still signs in.
		signIn(user.username(), TestStaff.PASSWORD).andExpect(redirectedUrl("/"));
		this.mvc
			.perform(post("/account/two-step/confirm").param("code", "000000").with(TestStaff.as(user)).with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"code-error\"")))
			.andExpect(content().string(containsString("aria-invalid=\"true\"")));

		MvcResult confirmed = this.mvc.perform(
				post("/account/two-step/confirm").param("code", code(secret, 0)).with(TestStaff.as(user)).with(csrf()))
			.andExpect(redirectedUrl("/account/two-step"))
			.andReturn();
		@SuppressWarnings("unchecked")
		List<String> recoveryCodes = (List<String>) confirmed.getFlashMap().get("recoveryCodes");
		assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
		List<String> hashes = this.jdbc.sql("SELECT code_hash FROM staff_recovery_codes WHERE staff_id = ?")
			.param(user.staffId())
			.query(String.class)
			.list();
		assertThat(hashes).hasSize(10).doesNotContainAnyElementsOf(recoveryCodes);
		this.mvc.perform(get("/account/two-step").with(TestStaff.as(user)))
			.andExpect(content().string(containsString("Two-step sign-in is <strong>on</strong>")))
			.andExpect(content().string(not(containsString(recoveryCodes.get(0)))));
		assertThat(audits(user, "SECOND_FACTOR_ENROLMENT_STARTED")).isEqualTo(1);
		assertThat(audits(user, "SECOND_FACTOR_ENROLLED")).isEqualTo(1);
	}

	@Test
	void afterThePasswordOnlyTheCodePageOpensAndTheCodeSignsInUnderANewSession() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.NURSE);
		Enrolment enrolment = enrol(user);
		Cookie pending = passwordStep(user);

		for (String path : List.of("/", "/patients", "/account/two-step", "/admin/staff", "/settings")) {
			this.mvc.perform(get(path).cookie(pending)).andExpect(redirectedUrl("/login/code"));
		}
		this.mvc.perform(get("/login/code").cookie(pending))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<label for=\"code\">Sign-in code</label>")))
			.andExpect(content().string(not(containsString("id=\"signed-in-user\""))));
		assertThat(audits(user, "SIGN_IN", "SUCCESS")).isZero();

		MockHttpServletResponse done = this.mvc
			.perform(post("/login/code").param("code", code(enrolment.secret(), 1)).cookie(pending).with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andReturn()
			.getResponse();
		Cookie signedIn = done.getCookie("SESSION");
		assertThat(signedIn).isNotNull();
		assertThat(signedIn.getValue()).isNotEqualTo(pending.getValue());
		this.mvc.perform(get("/").cookie(signedIn))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Two-step sign-in")));
		// The session id seen before the second step opens nothing.
		this.mvc.perform(get("/").cookie(pending))
			.andExpect(status().is3xxRedirection())
			.andExpect((result) -> assertThat(result.getResponse().getRedirectedUrl()).contains("/login"));
		assertThat(audits(user, "SIGN_IN", "SUCCESS")).isEqualTo(1);
	}

	@Test
	void aWrongCodeGetsTheGenericAnswerIsAuditedAndCountsTowardTheLockout() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.PHYSICIAN);
		Enrolment enrolment = enrol(user);
		Cookie pending = passwordStep(user);
		for (int attempt = 1; attempt <= 4; attempt++) {
			this.mvc
				.perform(post("/login/code").param("code", wrongCode(enrolment.secret())).cookie(pending).with(csrf()))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("id=\"code-error\"")))
				.andExpect(content().string(containsString(SignInCodeController.WRONG_CODE)));
		}
		assertThat(audits(user, "SIGN_IN", "FAILURE", "wrong second factor")).isEqualTo(4);
		// The right password again does not clear the count of wrong codes.
		pending = passwordStep(user);
		this.mvc.perform(post("/login/code").param("code", wrongCode(enrolment.secret())).cookie(pending).with(csrf()))
			.andExpect(status().isBadRequest());
		assertThat(audits(user, "ACCOUNT_LOCKED", "SUCCESS")).isEqualTo(1);
		this.mvc.perform(post("/login/code").param("code", code(enrolment.secret(), 1)).cookie(pending).with(csrf()))
			.andExpect(status().isBadRequest());
		assertThat(audits(user, "SIGN_IN", "DENIED")).isEqualTo(1);
		signIn(user.username(), TestStaff.PASSWORD).andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void aCodeIsTakenOnce() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.THERAPIST);
		Enrolment enrolment = enrol(user);
		String code = code(enrolment.secret(), 1);
		this.mvc.perform(post("/login/code").param("code", code).cookie(passwordStep(user)).with(csrf()))
			.andExpect(redirectedUrl("/"));
		this.mvc.perform(post("/login/code").param("code", code).cookie(passwordStep(user)).with(csrf()))
			.andExpect(status().isBadRequest());
		assertThat(audits(user, "SIGN_IN", "FAILURE", "wrong second factor")).isEqualTo(1);
	}

	@Test
	void aRecoveryCodeSignsInOnce() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.INTAKE);
		Enrolment enrolment = enrol(user);
		String recovery = enrolment.recoveryCodes().get(3);
		this.mvc
			.perform(post("/login/code").param("code", recovery.toUpperCase(java.util.Locale.ROOT))
				.cookie(passwordStep(user))
				.with(csrf()))
			.andExpect(redirectedUrl("/"));
		assertThat(audits(user, "RECOVERY_CODE_USED", "SUCCESS", "9 recovery codes left")).isEqualTo(1);
		this.mvc.perform(post("/login/code").param("code", recovery).cookie(passwordStep(user)).with(csrf()))
			.andExpect(status().isBadRequest());
		assertThat(audits(user, "SIGN_IN", "FAILURE", "wrong second factor")).isEqualTo(1);
	}

	@Test
	void someoneItIsRequiredOfMustSetItUpBeforeAnythingElseAndCannotTurnItOff() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.NURSE);
		StaffPrincipal admin = this.staff.demo("admin.main");
		this.mvc
			.perform(post("/admin/staff/{id}/two-step/required", user.staffId()).param("required", "true")
				.param("version", String.valueOf(version(user)))
				.with(TestStaff.as(admin))
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/staff/" + user.staffId()));
		assertThat(audits(admin, "SECOND_FACTOR_REQUIREMENT_CHANGED")).isPositive();

		Cookie pending = signIn(user.username(), TestStaff.PASSWORD).andExpect(redirectedUrl("/account/two-step"))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
		for (String path : List.of("/", "/patients", "/login/code")) {
			this.mvc.perform(get(path).cookie(pending)).andExpect(redirectedUrl("/account/two-step"));
		}
		this.mvc.perform(get("/account/two-step").cookie(pending))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"must-enrol\"")))
			.andExpect(content().string(not(containsString("aria-label=\"Main\""))));
		this.mvc.perform(post("/account/two-step/start").cookie(pending).with(csrf()))
			.andExpect(redirectedUrl("/account/two-step"));
		String secret = secretOn(this.mvc.perform(get("/account/two-step").cookie(pending))
			.andReturn()
			.getResponse()
			.getContentAsString());
		MockHttpServletResponse confirmed = this.mvc
			.perform(post("/account/two-step/confirm").param("code", code(secret, 0)).cookie(pending).with(csrf()))
			.andExpect(redirectedUrl("/account/two-step"))
			.andReturn()
			.getResponse();
		Cookie signedIn = confirmed.getCookie("SESSION");
		assertThat(signedIn.getValue()).isNotEqualTo(pending.getValue());
		this.mvc.perform(get("/").cookie(signedIn)).andExpect(status().isOk());

		this.mvc
			.perform(post("/account/two-step/disable").param("password", TestStaff.PASSWORD)
				.param("code", code(secret, 1))
				.cookie(signedIn)
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("requires two-step sign-in")));
		assertThat(audits(user, "SECOND_FACTOR_DISABLED")).isZero();
	}

	@Test
	void newRecoveryCodesTakeThePasswordAndACurrentCodeAndEndTheOldOnes() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.INTAKE);
		Enrolment enrolment = enrol(user);
		this.mvc
			.perform(post("/account/two-step/recovery-codes").param("renewPassword", "not my password at all")
				.param("renewCode", wrongCode(enrolment.secret()))
				.with(TestStaff.as(user))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"renewPassword-error\"")))
			.andExpect(content().string(containsString("id=\"renewCode-error\"")))
			.andExpect(content().string(not(containsString("id=\"password-error\""))));
		String code = code(enrolment.secret(), 1);
		MvcResult renewed = this.mvc
			.perform(post("/account/two-step/recovery-codes").param("renewPassword", TestStaff.PASSWORD)
				.param("renewCode", code)
				.with(TestStaff.as(user))
				.with(csrf()))
			.andExpect(redirectedUrl("/account/two-step"))
			.andReturn();
		@SuppressWarnings("unchecked")
		List<String> fresh = (List<String>) renewed.getFlashMap().get("recoveryCodes");
		assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(enrolment.recoveryCodes());
		assertThat(audits(user, "RECOVERY_CODES_RENEWED")).isEqualTo(1);
		this.mvc
			.perform(post("/account/two-step/recovery-codes").param("renewPassword", TestStaff.PASSWORD)
				.param("renewCode", code)
				.with(TestStaff.as(user))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"renewCode-error\"")));

		this.mvc
			.perform(post("/login/code").param("code", enrolment.recoveryCodes().get(0))
				.cookie(passwordStep(user))
				.with(csrf()))
			.andExpect(status().isBadRequest());
		this.mvc.perform(post("/login/code").param("code", fresh.get(0)).cookie(passwordStep(user)).with(csrf()))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void turningItOffTakesThePasswordAndACurrentCode() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.INTAKE);
		Enrolment enrolment = enrol(user);
		this.mvc
			.perform(post("/account/two-step/disable").param("password", "not my password at all")
				.param("code", wrongCode(enrolment.secret()))
				.with(TestStaff.as(user))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"password-error\"")))
			.andExpect(content().string(containsString("id=\"code-error\"")));
		this.mvc
			.perform(post("/account/two-step/disable").param("password", TestStaff.PASSWORD)
				.param("code", code(enrolment.secret(), 1))
				.with(TestStaff.as(user))
				.with(csrf()))
			.andExpect(redirectedUrl("/account/two-step"));
		assertThat(audits(user, "SECOND_FACTOR_DISABLED")).isEqualTo(1);
		signIn(user.username(), TestStaff.PASSWORD).andExpect(redirectedUrl("/"));
	}

	@Test
	void theTokenApiWantsTheCodeOfAnEnrolledUserAndAnswersAsForAWrongPassword() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.NURSE);
		Enrolment enrolment = enrol(user);
		String wrongPassword = token(user.username(), "not the password at all", null)
			.andExpect(status().isUnauthorized())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String noCode = token(user.username(), TestStaff.PASSWORD, null).andExpect(status().isUnauthorized())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String wrongCode = token(user.username(), TestStaff.PASSWORD, wrongCode(enrolment.secret()))
			.andExpect(status().isUnauthorized())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(noCode).isEqualTo(wrongPassword);
		assertThat(wrongCode).isEqualTo(wrongPassword);
		assertThat(audits(user, "SIGN_IN", "FAILURE", "second factor missing")).isEqualTo(1);
		assertThat(audits(user, "SIGN_IN", "FAILURE", "wrong second factor")).isEqualTo(1);
		token(user.username(), TestStaff.PASSWORD, code(enrolment.secret(), 1)).andExpect(status().isOk())
			.andExpect(jsonPath("$.access_token").isNotEmpty());
	}

	@Test
	void theTokenApiSendsSomeoneItIsRequiredOfToSetItUpFirst() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.NURSE);
		this.mvc
			.perform(post("/admin/staff/{id}/two-step/required", user.staffId()).param("required", "true")
				.param("version", String.valueOf(version(user)))
				.with(TestStaff.as(this.staff.demo("admin.main")))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		token(user.username(), TestStaff.PASSWORD, null).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail", containsString("/account/two-step")));
	}

	@Test
	void theAdministratorsResetEndsSessionsAndTokensAndLeavesThePasswordAlone() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.PHYSICIAN);
		Enrolment enrolment = enrol(user);
		Cookie session = this.mvc.perform(
				post("/login/code").param("code", code(enrolment.secret(), 1)).cookie(passwordStep(user)).with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
		String token = com.jayway.jsonpath.JsonPath.read(
				token(user.username(), TestStaff.PASSWORD, enrolment.recoveryCodes().get(0)).andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsString(),
				"$.access_token");
		StaffPrincipal admin = this.staff.demo("admin.main");
		this.mvc.perform(get("/admin/staff").with(TestStaff.as(admin)))
			.andExpect(content().string(containsString("<th scope=\"col\">Two-step sign-in</th>")));
		this.mvc.perform(get("/admin/staff/{id}", user.staffId()).with(TestStaff.as(admin)))
			.andExpect(content().string(containsString("Reset two-step sign-in")));

		this.mvc
			.perform(post("/admin/staff/{id}/two-step/reset", user.staffId())
				.param("version", String.valueOf(version(user)))
				.with(TestStaff.as(admin))
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/staff/" + user.staffId()));

		assertThat(audits(admin, "SECOND_FACTOR_RESET", "SUCCESS", user.username())).isEqualTo(1);
		this.mvc.perform(get("/").cookie(session))
			.andExpect(status().is3xxRedirection())
			.andExpect((result) -> assertThat(result.getResponse().getRedirectedUrl()).contains("/login"));
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isUnauthorized());
		signIn(user.username(), TestStaff.PASSWORD).andExpect(redirectedUrl("/"));
		this.mvc.perform(get("/admin/staff/{id}", user.staffId()).with(TestStaff.as(admin)))
			.andExpect(content().string(not(containsString("Reset two-step sign-in"))));
	}

	@Test
	void anotherClinicsAdministratorCannotResetIt() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.NURSE);
		Enrolment enrolment = enrol(user);
		this.mvc
			.perform(post("/admin/staff/{id}/two-step/reset", user.staffId())
				.param("version", String.valueOf(version(user)))
				.with(TestStaff.as(this.staff.demo("admin.north")))
				.with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/admin/staff/{id}/two-step/required", user.staffId()).param("required", "true")
				.param("version", String.valueOf(version(user)))
				.with(TestStaff.as(this.staff.demo("admin.north")))
				.with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(
				post("/login/code").param("code", code(enrolment.secret(), 1)).cookie(passwordStep(user)).with(csrf()))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void aStaleVersionDoesNotReset() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.NURSE);
		enrol(user);
		this.mvc
			.perform(post("/admin/staff/{id}/two-step/reset", user.staffId())
				.param("version", String.valueOf(version(user) - 1))
				.with(TestStaff.as(this.staff.demo("admin.main")))
				.with(csrf()))
			.andExpect(status().isConflict());
		signIn(user.username(), TestStaff.PASSWORD).andExpect(redirectedUrl("/login/code"));
	}

	/**
	 * Sets up two-step sign-in through the pages, confirming with the previous step's
	 * code.
	 */
	private Enrolment enrol(StaffPrincipal user) throws Exception {
		this.mvc.perform(post("/account/two-step/start").with(TestStaff.as(user)).with(csrf()))
			.andExpect(redirectedUrl("/account/two-step"));
		String secret = secretOn(this.mvc.perform(get("/account/two-step").with(TestStaff.as(user)))
			.andReturn()
			.getResponse()
			.getContentAsString());
		MvcResult confirmed = this.mvc.perform(
				post("/account/two-step/confirm").param("code", code(secret, -1)).with(TestStaff.as(user)).with(csrf()))
			.andExpect(redirectedUrl("/account/two-step"))
			.andReturn();
		@SuppressWarnings("unchecked")
		List<String> recoveryCodes = (List<String>) confirmed.getFlashMap().get("recoveryCodes");
		return new Enrolment(secret, recoveryCodes);
	}

	/** Signs in with the password and returns the session waiting for the code. */
	private Cookie passwordStep(StaffPrincipal user) throws Exception {
		return signIn(user.username(), TestStaff.PASSWORD).andExpect(redirectedUrl("/login/code"))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
	}

	private ResultActions signIn(String username, String password) throws Exception {
		return this.mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()));
	}

	private ResultActions token(String username, String password, String oneTimeCode) throws Exception {
		String code = (oneTimeCode != null) ? ", \"oneTimeCode\": \"" + oneTimeCode + "\"" : "";
		MockHttpServletRequestBuilder request = post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"" + code + "}");
		return this.mvc.perform(request);
	}

	/**
	 * The code of the time step {@code offset} steps from now. Near the end of a step it
	 * waits for the next one, so that the step does not change between here and the
	 * server.
	 */
	private String code(String secret, int offset) throws InterruptedException {
		long millis = this.clock.millis();
		long intoStep = millis % (OneTimeCodes.PERIOD_SECONDS * 1000L);
		if (intoStep > (OneTimeCodes.PERIOD_SECONDS - 3) * 1000L) {
			Thread.sleep(OneTimeCodes.PERIOD_SECONDS * 1000L - intoStep + 100);
		}
		return OneTimeCodes.code(secret, OneTimeCodes.step(this.clock.instant().getEpochSecond()) + offset);
	}

	/** A 6-digit code that is none of the accepted ones. */
	private String wrongCode(String secret) throws InterruptedException {
		List<String> accepted = List.of(code(secret, -1), code(secret, 0), code(secret, 1));
		for (int candidate = 0;; candidate++) {
			String code = String.format("%06d", candidate);
			if (!accepted.contains(code)) {
				return code;
			}
		}
	}

	private static String secretOn(String page) {
		Matcher matcher = SECRET.matcher(page);
		assertThat(matcher.find()).as("the secret on the set-up page").isTrue();
		return matcher.group(1).replace(" ", "");
	}

	private int version(StaffPrincipal user) {
		return this.directory.get(user.clinicId(), user.staffId()).version();
	}

	private long audits(StaffPrincipal actor, String action) {
		return this.jdbc.sql("SELECT count(*) FROM audit_events WHERE actor_username = ? AND action = ?")
			.params(actor.username(), action)
			.query(Long.class)
			.single();
	}

	private long audits(StaffPrincipal actor, String action, String outcome) {
		return this.jdbc
			.sql("SELECT count(*) FROM audit_events WHERE actor_username = ? AND action = ? AND outcome = ?")
			.params(actor.username(), action, outcome)
			.query(Long.class)
			.single();
	}

	private long audits(StaffPrincipal actor, String action, String outcome, String details) {
		return this.jdbc.sql("""
				SELECT count(*) FROM audit_events
				 WHERE actor_username = ? AND action = ? AND outcome = ? AND details LIKE ?
				""").params(actor.username(), action, outcome, "%" + details + "%").query(Long.class).single();
	}

	record Enrolment(String secret, List<String> recoveryCodes) {
	}

}
