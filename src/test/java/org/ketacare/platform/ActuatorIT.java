package org.ketacare.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@KetaCareIntegrationTest
class ActuatorIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	HealthEndpointGroups healthGroups;

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
	void healthProbesAnswerUpWithoutSigningIn(String probe) throws Exception {
		this.mvc.perform(get(probe)).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
	}

	@Test
	void healthShowsNeitherComponentsNorDetailsToAnyone() throws Exception {
		this.mvc.perform(get("/actuator/health"))
			.andExpect(jsonPath("$.components").doesNotExist())
			.andExpect(jsonPath("$.details").doesNotExist());
		this.mvc.perform(get("/actuator/health").with(TestStaff.as(this.staff.demo("admin.main"))))
			.andExpect(jsonPath("$.components").doesNotExist());
	}

	@Test
	void readinessDependsOnTheDatabase() {
		assertThat(this.healthGroups.get("readiness").isMember("db")).isTrue();
		assertThat(this.healthGroups.get("liveness").isMember("db")).isFalse();
	}

	@Test
	void prometheusScrapesJvmAndConnectionPoolMetricsWithoutSigningIn() throws Exception {
		String metrics = this.mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(metrics).contains("jvm_memory", "hikaricp_connections");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
			"/actuator/threaddump", "/actuator/loggers", "/actuator/mappings", "/actuator/metrics", "/actuator/info" })
	void otherEndpointsAreNotExposedToStrangers(String endpoint) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get(endpoint)).andReturn().getResponse();
		assertThat(response.getStatus()).isNotEqualTo(200);
		assertThat(response.getContentAsString()).doesNotContain("propertySources", "contexts", "threads", "levels");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
			"/actuator/threaddump", "/actuator/loggers", "/actuator/mappings", "/actuator/metrics", "/actuator/info" })
	void otherEndpointsDoNotExistEvenForAClinicAdministrator(String endpoint) throws Exception {
		this.mvc.perform(get(endpoint).with(TestStaff.as(this.staff.demo("admin.main"))))
			.andExpect(status().isNotFound());
	}

}
