package org.ketacare.clinic;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@KetaCareIntegrationTest
class TokenApiIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	StaffDirectory directory;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theRightPasswordGetsABearerTokenThatIsNotCached() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.NURSE);
		requestToken(user.username(), TestStaff.PASSWORD).andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.access_token").isNotEmpty())
			.andExpect(jsonPath("$.token_type").value("Bearer"))
			.andExpect(jsonPath("$.expires_in").value(3600))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("no-store")));
	}

	@Test
	void theTokenNamesTheCallerTheirRolesAndTheirClinic() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.NURSE, Role.THERAPIST);
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(tokenFor(user))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value(user.username()))
			.andExpect(jsonPath("$.roles.length()").value(2))
			.andExpect(jsonPath("$.roles[0]").value("NURSE"))
			.andExpect(jsonPath("$.roles[1]").value("THERAPIST"))
			.andExpect(jsonPath("$.clinic.slug").value("main"))
			.andExpect(jsonPath("$.clinic.name").value("Mental Health Center — Main"))
			.andExpect(jsonPath("$.clinic.timeZone").value("America/New_York"));
	}

	@Test
	void issuingATokenIsAudited() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.INTAKE);
		assertThat(auditCount(user.username(), "API_TOKEN_ISSUED")).isZero();
		tokenFor(user);
		UUID tokenId = this.jdbc.sql("SELECT id FROM api_tokens WHERE staff_id = ?")
			.param(user.staffId())
			.query(UUID.class)
			.single();
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM audit_events
				 WHERE clinic_id = ? AND actor_username = ? AND action = 'API_TOKEN_ISSUED' AND outcome = 'SUCCESS'
				   AND target_type = 'api_token' AND target_id = ?
				""").params(user.clinicId(), user.username(), tokenId.toString()).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void aWrongPasswordGetsAProblemAndNoToken() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.NURSE);
		requestToken(user.username(), "not the password at all").andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.access_token").doesNotExist());
		assertThat(auditCount(user.username(), "API_TOKEN_ISSUED")).isZero();
		assertThat(auditCount(user.username(), "SIGN_IN")).isEqualTo(1);
	}

	@Test
	void anUnknownUsernameGetsTheSameAnswerAsAWrongPassword() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.NURSE);
		String wrongPassword = this.mvc.perform(tokenRequest(user.username(), "not the password at all"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String unknownName = this.mvc
			.perform(tokenRequest("nobody-" + UUID.randomUUID().toString().substring(0, 8), "not the password at all"))
			.andExpect(status().isUnauthorized())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(unknownName).isEqualTo(wrongPassword);
	}

	@Test
	void fiveWrongTokenRequestsLockTheAccountEvenAgainstTheRightPassword() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.NURSE);
		for (int attempt = 1; attempt <= 5; attempt++) {
			requestToken(user.username(), "wrong password " + attempt).andExpect(status().isUnauthorized());
		}
		requestToken(user.username(), TestStaff.PASSWORD).andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.access_token").doesNotExist());
		assertThat(auditCount(user.username(), "ACCOUNT_LOCKED")).isEqualTo(1);
		assertThat(auditCount(user.username(), "API_TOKEN_ISSUED")).isZero();
		this.mvc.perform(
				post("/login").param("username", user.username()).param("password", TestStaff.PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void aBodyWithoutThePasswordIsRefusedNamingTheField() throws Exception {
		this.mvc
			.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\": \"nurse.main\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors.length()").value(1))
			.andExpect(jsonPath("$.errors[0].field").value("password"))
			.andExpect(jsonPath("$.errors[0].message").value("is required"));
	}

	@Test
	void malformedJsonIsABadRequest() throws Exception {
		this.mvc
			.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\": \"nurse.main\", \"password\": "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(content().string(not(containsString("tools.jackson"))));
	}

	@Test
	void aBodyThatIsNotJsonIsAnUnsupportedMediaType() throws Exception {
		this.mvc
			.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("username", "nurse.main")
				.param("password", TestStaff.DEMO_PASSWORD))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.access_token").doesNotExist());
		this.mvc
			.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_XML)
				.content("<token><username>nurse.main</username><password>ketacare-demo</password></token>"))
			.andExpect(status().isUnsupportedMediaType());
	}

	@Test
	void anUnknownTokenIsRefusedWithAChallenge() throws Exception {
		String unknown = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(unknown)))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")));
	}

	@Test
	void aGarbledTokenIsRefusedWithAChallenge() throws Exception {
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer {not: a token} <script>"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")));
	}

	@Test
	void withoutATokenTheApiAsksForOne() throws Exception {
		this.mvc.perform(get("/api/v1/me"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")));
	}

	@Test
	void aSignedInWebSessionIsNotAcceptedByTheApi() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.NURSE);
		Cookie session = this.mvc.perform(
				post("/login").param("username", user.username()).param("password", TestStaff.PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
		assertThat(session).isNotNull();
		this.mvc.perform(get("/").cookie(session)).andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/me").cookie(session))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.username").doesNotExist());
	}

	@Test
	void theTokenOfADeactivatedStaffMemberStopsWorking() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.NURSE);
		String token = tokenFor(user);
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(token))).andExpect(status().isOk());
		int version = this.directory.get(user.clinicId(), user.staffId()).version();
		this.mvc
			.perform(post("/admin/staff/{id}/deactivate", user.staffId()).param("version", String.valueOf(version))
				.with(TestStaff.as(this.staff.demo("admin.main")))
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/staff/" + user.staffId()));
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void theTokenOfAStaffMemberDeactivatedThroughTheDirectoryStopsWorking() throws Exception {
		StaffPrincipal user = this.staff.create("north", Role.PHYSICIAN);
		String token = tokenFor(user);
		this.directory.deactivate(this.staff.demo("admin.north"), user.staffId(),
				this.directory.get(user.clinicId(), user.staffId()).version());
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void anExpiredTokenStopsWorking() throws Exception {
		StaffPrincipal user = this.staff.create("main", Role.THERAPIST);
		String token = tokenFor(user);
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(token))).andExpect(status().isOk());
		this.jdbc.sql("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE staff_id = ?")
			.param(user.staffId())
			.update();
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(token)))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")));
	}

	private String tokenFor(StaffPrincipal user) throws Exception {
		String body = requestToken(user.username(), TestStaff.PASSWORD).andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(body, "$.access_token");
	}

	private ResultActions requestToken(String username, String password) throws Exception {
		return this.mvc.perform(tokenRequest(username, password));
	}

	private static RequestBuilder tokenRequest(String username, String password) {
		return post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

	private long auditCount(String username, String action) {
		return this.jdbc.sql("SELECT count(*) FROM audit_events WHERE actor_username = ? AND action = ?")
			.params(username, action)
			.query(Long.class)
			.single();
	}

}
