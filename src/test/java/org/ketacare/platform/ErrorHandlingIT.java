package org.ketacare.platform;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@KetaCareIntegrationTest
class ErrorHandlingIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Test
	void anUnknownApiPathIsANotFoundProblem() throws Exception {
		this.mvc.perform(get("/api/v1/nothing-here").with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.title").value("Not found"))
			.andExpect(jsonPath("$.detail").value("There is nothing at /api/v1/nothing-here"));
	}

	@Test
	void anUnknownPageIsAFriendlyNotFoundPageWithoutATrace() throws Exception {
		String page = this.mvc.perform(get("/nothing-here").with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Not found", "There is nothing at /nothing-here", "Back to the home page");
		assertWithoutInternals(page);
	}

	@Test
	void aStaffIdThatIsNoUuidIsABadRequestNamingTheParameter() throws Exception {
		String page = this.mvc.perform(get("/admin/staff/not-a-uuid").with(TestStaff.as(this.staff.demo("admin.main"))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("staffId: has the wrong format");
		assertWithoutInternals(page);
	}

	@Test
	void aMissingFormFieldIsABadRequestNamingIt() throws Exception {
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		String page = this.mvc
			.perform(post("/admin/staff/{id}/deactivate", nurse.staffId())
				.with(TestStaff.as(this.staff.demo("admin.main")))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("version: is required");
		assertWithoutInternals(page);
	}

	@Test
	void aBadQueryParameterOfTheApiIsAProblemNamingIt() throws Exception {
		this.mvc
			.perform(get("/api/v1/settings/schedule.slot-minutes").param("at", "yesterday")
				.with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("at"));
	}

	@Test
	void anUnknownSettingIsANotFoundProblem() throws Exception {
		this.mvc.perform(get("/api/v1/settings/no.such-setting").with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void getOnAPostOnlyApiEndpointIsMethodNotAllowedNamingTheAllowedMethod() throws Exception {
		this.mvc.perform(get("/api/v1/auth/token").with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(405))
			.andExpect(header().string(HttpHeaders.ALLOW, containsString("POST")));
	}

	@Test
	void pagesCarryTheSecurityHeaders() throws Exception {
		ResultActions home = this.mvc.perform(get("/").with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isOk());
		expectSecurityHeaders(home);
		home.andExpect(header().string("Referrer-Policy", "same-origin"));
	}

	@Test
	void theSignInPageAndErrorPagesCarryTheSecurityHeadersToo() throws Exception {
		expectSecurityHeaders(this.mvc.perform(get("/login")).andExpect(status().isOk()));
		expectSecurityHeaders(this.mvc.perform(get("/nothing-here").with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isNotFound()));
	}

	@Test
	void apiResponsesCarryTheSecurityHeaders() throws Exception {
		expectSecurityHeaders(this.mvc.perform(get("/api/v1/me").with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isOk())
			.andExpect(header().string("Referrer-Policy", "no-referrer")));
		expectSecurityHeaders(this.mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized()));
	}

	@Test
	void overHttpsBrowsersAreToldToStayOnHttpsForAYear() throws Exception {
		this.mvc.perform(get("/login").secure(true))
			.andExpect(status().isOk())
			.andExpect(header().string("Strict-Transport-Security",
					allOf(containsString("max-age=31536000"), containsString("includeSubDomains"))));
	}

	private static void expectSecurityHeaders(ResultActions response) throws Exception {
		response.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().exists("Referrer-Policy"))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("no-store")));
	}

	private static void assertWithoutInternals(String page) {
		assertThat(page).doesNotContain("Exception", "at org.", "at java.", "Whitelabel", "org.springframework");
	}

}
