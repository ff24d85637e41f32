package org.ketacare.web;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.Role;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every page and endpoint against every role: the roles that may not reach it get 403,
 * the others never do, and nobody who is not signed in gets anything.
 */
@KetaCareIntegrationTest
class AuthorizationMatrixIT {

	private static final Set<Role> ADMIN = EnumSet.of(Role.CLINIC_ADMIN);

	private static final Set<Role> ADMIN_OR_PHYSICIAN = EnumSet.of(Role.CLINIC_ADMIN, Role.PHYSICIAN);

	private static final Set<Role> PHYSICIAN = EnumSet.of(Role.PHYSICIAN);

	private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);

	private static final Set<Role> CLINICAL = EnumSet.of(Role.INTAKE, Role.NURSE, Role.PHYSICIAN, Role.THERAPIST);

	private static final String PHQ9_BODY = "{\"instrument\":\"PHQ-9\",\"answers\":[0,0,0,0,0,0,0,0,0],"
			+ "\"timePoint\":\"baseline\"}";

	private static final String ANY_ID = UUID.randomUUID().toString();

	private static final List<Endpoint> ENDPOINTS = List.of(new Endpoint(HttpMethod.GET, "/", EVERYONE),
			new Endpoint(HttpMethod.GET, "/admin/staff", ADMIN),
			new Endpoint(HttpMethod.GET, "/admin/staff/new", ADMIN),
			new Endpoint(HttpMethod.GET, "/admin/staff/" + ANY_ID, ADMIN),
			new Endpoint(HttpMethod.POST, "/admin/staff", ADMIN),
			new Endpoint(HttpMethod.POST, "/admin/staff/" + ANY_ID + "/roles?version=0", ADMIN),
			new Endpoint(HttpMethod.POST, "/admin/staff/" + ANY_ID + "/deactivate?version=0", ADMIN),
			new Endpoint(HttpMethod.POST, "/admin/staff/" + ANY_ID + "/reactivate?version=0", ADMIN),
			new Endpoint(HttpMethod.POST, "/admin/staff/" + ANY_ID + "/password?version=0", ADMIN),
			new Endpoint(HttpMethod.GET, "/settings", ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/settings/pending", ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/settings/infusion.duration-minutes", ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/settings/infusion.duration-minutes", ADMIN),
			new Endpoint(HttpMethod.POST, "/settings/changes/" + ANY_ID + "/approve", PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/settings/changes/" + ANY_ID + "/reject", PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/audit", ADMIN), new Endpoint(HttpMethod.POST, "/audit/verify", ADMIN),
			new Endpoint(HttpMethod.GET, "/api/v1/me", EVERYONE),
			new Endpoint(HttpMethod.GET, "/api/v1/settings", EVERYONE),
			new Endpoint(HttpMethod.GET, "/api/v1/settings/infusion.duration-minutes", EVERYONE),
			new Endpoint(HttpMethod.GET, "/api/v1/audit/verify", ADMIN),
			new Endpoint(HttpMethod.GET, "/api/v1/audit/events", ADMIN),
			new Endpoint(HttpMethod.GET, "/outcomes", EVERYONE),
			new Endpoint(HttpMethod.GET, "/outcomes/dashboard", ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/outcomes/dashboard.csv", ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/outcomes/alerts/" + ANY_ID, PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/outcomes/alerts/" + ANY_ID + "/acknowledge", PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/patients/" + ANY_ID + "/outcomes", CLINICAL),
			new Endpoint(HttpMethod.GET, "/patients/" + ANY_ID + "/responses/new?instrument=PHQ-9", CLINICAL),
			new Endpoint(HttpMethod.POST, "/patients/" + ANY_ID + "/responses", CLINICAL),
			new Endpoint(HttpMethod.POST, "/patients/" + ANY_ID + "/links", CLINICAL),
			new Endpoint(HttpMethod.GET, "/api/v1/instruments", EVERYONE),
			new Endpoint(HttpMethod.POST, "/api/v1/patients/" + ANY_ID + "/responses", CLINICAL, PHQ9_BODY),
			new Endpoint(HttpMethod.GET, "/api/v1/patients/" + ANY_ID + "/responses/" + ANY_ID, CLINICAL),
			new Endpoint(HttpMethod.GET, "/api/v1/patients/" + ANY_ID + "/outcomes", CLINICAL));

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	static Stream<Arguments> endpointsAndRoles() {
		return ENDPOINTS.stream()
			.flatMap((endpoint) -> Arrays.stream(Role.values())
				.map((role) -> Arguments.of(endpoint.method(), endpoint.path(), role, endpoint.allowed().contains(role),
						endpoint.body())));
	}

	static Stream<Arguments> endpoints() {
		return ENDPOINTS.stream().map((endpoint) -> Arguments.of(endpoint.method(), endpoint.path(), endpoint.body()));
	}

	@ParameterizedTest(name = "{2} {0} {1}: allowed={3}")
	@MethodSource("endpointsAndRoles")
	void eachRoleReachesOnlyWhatItMay(HttpMethod method, String path, Role role, boolean allowed, String body)
			throws Exception {
		String username = role.name().toLowerCase().replace("clinic_", "") + ".main";
		MvcResult result = this.mvc
			.perform(withBody(request(method, path), body).with(csrf()).with(TestStaff.as(this.staff.demo(username))))
			.andReturn();
		int status = result.getResponse().getStatus();
		if (allowed) {
			assertThat(status).as("%s %s as %s", method, path, role).isNotEqualTo(403).isLessThan(500);
		}
		else {
			assertThat(status).as("%s %s as %s", method, path, role).isEqualTo(403);
		}
	}

	@ParameterizedTest(name = "anonymous {0} {1}")
	@MethodSource("endpoints")
	void nobodyWhoIsNotSignedInGetsIn(HttpMethod method, String path, String body) throws Exception {
		int status = this.mvc.perform(withBody(request(method, path), body).with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus();
		if (path.startsWith("/api/")) {
			assertThat(status).isEqualTo(401);
		}
		else {
			assertThat(status).isIn(302, 403);
		}
	}

	/**
	 * A JSON body, when the endpoint reads one: without it, the body would be refused
	 * (415) before the role is checked.
	 */
	private static MockHttpServletRequestBuilder withBody(MockHttpServletRequestBuilder request, String body) {
		return (body != null) ? request.contentType(MediaType.APPLICATION_JSON).content(body) : request;
	}

	private record Endpoint(HttpMethod method, String path, Set<Role> allowed, String body) {

		Endpoint(HttpMethod method, String path, Set<Role> allowed) {
			this(method, path, allowed, null);
		}

	}

}
