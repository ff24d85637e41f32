package org.ketacare.infusion;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.course.Protocols;
import org.ketacare.ledger.Ledger;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The live board and the chart page with 12 chairs busy and 10 years of history (12
 * chairs × 6 visits a day × 3,650 days, 5 vital-sign sets each), seeded with
 * generate_series. Run with
 * {@code ./mvnw -Pbench verify -Dit.test=InfusionBoardBenchmark}; prints p50/p95.
 */
@KetaCareIntegrationTest
class InfusionBoardBenchmark {

	private static final int CHAIRS = 12;

	private static final int DAYS = 3650;

	private static final int VISITS_PER_CHAIR_PER_DAY = 6;

	private static final int PATIENTS = 200;

	private static final int RUNS = 200;

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

	@Test
	void boardAndChartRenderTimes() throws Exception {
		InfusionFixtures fixtures = new InfusionFixtures(this.mvc, this.staff, this.jdbc, this.ledger, this.clock,
				this.protocols);
		StaffPrincipal nurse = this.staff.demo("nurse.main");
		StaffPrincipal physician = this.staff.demo("physician.main");
		long seedStart = System.nanoTime();
		List<UUID> patients = new ArrayList<>();
		for (int i = 0; i < PATIENTS; i++) {
			patients.add(fixtures.patient("main"));
		}
		int visits = new HistorySeeder(this.jdbc, this.staff, this.protocols, this.clock).seed(nurse, physician,
				patients, CHAIRS, DAYS, VISITS_PER_CHAIR_PER_DAY, 5);
		double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
		List<UUID> busy = new ArrayList<>();
		for (int chair = 0; chair < CHAIRS; chair++) {
			UUID appointment = fixtures.appointmentNow("main", patients.get(chair));
			String body = this.mvc.perform(post("/api/v1/appointments/{id}/visit", appointment)
				.with(TestStaff.as(nurse))
				.contentType(MediaType.APPLICATION_JSON)
				.content(
						"{\"identityConfirmed\": true, \"weightKg\": 80, \"escortName\": \"Sam\", \"escortPhone\": \"555\"}"))
				.andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString();
			UUID visit = UUID.fromString(JsonPath.read(body, "$.id"));
			busy.add(visit);
			for (int reading = 0; reading < 4; reading++) {
				this.mvc
					.perform(post("/api/v1/visits/{id}/vitals", visit).with(TestStaff.as(nurse))
						.contentType(MediaType.APPLICATION_JSON)
						.content("{\"systolic\": " + (125 + reading * 20)
								+ ", \"diastolic\": 80, \"heartRate\": 75, \"spo2\": 97, \"respiratoryRate\": 14}"))
					.andExpect(status().isCreated());
			}
		}
		this.jdbc.sql("ANALYZE").update();
		System.out.printf(
				"%nINFUSION BENCHMARK: seeded %d past visits (%d vital-sign sets) for %d patients in %.1f s%n", visits,
				visits * 5, PATIENTS, seedSeconds);
		measure("board page /infusions",
				() -> this.mvc.perform(get("/infusions").with(TestStaff.as(nurse))).andExpect(status().isOk()));
		measure("board refresh /infusions/board",
				() -> this.mvc.perform(get("/infusions/board").with(TestStaff.as(nurse))).andExpect(status().isOk()));
		measure("chart page /visits/{id}",
				() -> this.mvc.perform(get("/visits/{id}", busy.get(0)).with(TestStaff.as(physician)))
					.andExpect(status().isOk()));
		measure("sessions page /patients/{id}/infusions",
				() -> this.mvc.perform(get("/patients/{id}/infusions", patients.get(0)).with(TestStaff.as(physician)))
					.andExpect(status().isOk()));
	}

	private void measure(String label, Action action) throws Exception {
		for (int i = 0; i < 20; i++) {
			action.run();
		}
		long[] nanos = new long[RUNS];
		for (int i = 0; i < RUNS; i++) {
			long start = System.nanoTime();
			action.run();
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		System.out.printf("INFUSION BENCHMARK: %-40s p50 %6.1f ms, p95 %6.1f ms (%d runs)%n", label,
				nanos[RUNS / 2] / 1e6, nanos[RUNS * 95 / 100] / 1e6, RUNS);
	}

	@FunctionalInterface
	private interface Action {

		void run() throws Exception;

	}

}
