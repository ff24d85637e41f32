package org.ketacare.infusion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.ketacare.platform.Timestamps;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

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
		int visits = seedHistory(nurse, physician, patients);
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

	private int seedHistory(StaffPrincipal nurse, StaffPrincipal physician, List<UUID> patients) {
		UUID clinic = nurse.clinicId();
		UUID admin = this.staff.demo("admin.main").staffId();
		Instant now = this.clock.instant();
		Instant from = now.minus(Duration.ofDays(DAYS + 1));
		this.jdbc.sql("CREATE UNLOGGED TABLE bench_patients (n INT, patient_id UUID, course_id UUID)").update();
		for (int i = 0; i < patients.size(); i++) {
			this.jdbc.sql("INSERT INTO bench_patients VALUES (?, ?, gen_random_uuid())")
				.params(i, patients.get(i))
				.update();
		}
		this.jdbc.sql("""
				INSERT INTO courses (clinic_id, id, patient_id, protocol_code, protocol_json, start_date, status,
				    screening_id, created_by, created_at)
				SELECT ?, course_id, patient_id, 'iv-ketamine-standard', ?, DATE '2016-01-01', 'COMPLETED',
				       gen_random_uuid(), ?, ?
				FROM bench_patients
				""")
			.params(clinic, JsonMapper.builder().build().writeValueAsString(this.protocols.standard(clinic)), admin,
					Timestamps.of(from))
			.update();
		this.jdbc.sql("CREATE UNLOGGED TABLE bench_rooms (chair INT, room_id UUID)").update();
		this.jdbc.sql("INSERT INTO bench_rooms SELECT g, gen_random_uuid() FROM generate_series(0, ?) g")
			.params(CHAIRS - 1)
			.update();
		this.jdbc.sql("""
				INSERT INTO rooms (clinic_id, id, name, active, created_at)
				SELECT ?, room_id, 'History chair ' || chair, false, ? FROM bench_rooms
				""").params(clinic, Timestamps.of(from)).update();
		int total = CHAIRS * DAYS * VISITS_PER_CHAIR_PER_DAY;
		this.jdbc.sql("""
				CREATE UNLOGGED TABLE bench_slots AS
				SELECT g, gen_random_uuid() AS appointment_id, gen_random_uuid() AS visit_id, r.room_id,
				       p.patient_id, p.course_id,
				       ?::timestamptz + ((g / ?) / ?) * interval '1 day' + interval '8 hours'
				           + ((g / ?) % ?) * interval '100 minutes' AS starts_at
				FROM generate_series(0, ? - 1) g
				JOIN bench_rooms r ON r.chair = g % ?
				JOIN bench_patients p ON p.n = g % ?
				""")
			.params(Timestamps.of(from), CHAIRS, VISITS_PER_CHAIR_PER_DAY, CHAIRS, VISITS_PER_CHAIR_PER_DAY, total,
					CHAIRS, patients.size())
			.update();
		this.jdbc.sql("""
				INSERT INTO appointments (clinic_id, id, course_id, patient_id, kind, phase, number, room_id, starts_at,
				    ends_at, status, booked_by, booked_at)
				SELECT ?, appointment_id, course_id, patient_id, 'INFUSION', 'induction', 1, room_id, starts_at,
				       starts_at + interval '100 minutes', 'ATTENDED', ?, starts_at - interval '7 days'
				FROM bench_slots
				""").params(clinic, admin).update();
		this.jdbc
			.sql("""
					INSERT INTO infusion_visits (clinic_id, id, appointment_id, patient_id, room_id, room_name,
					    scheduled_start, weight_kg, height_cm, escort_name, escort_phone, status, checked_in_by,
					    checked_in_at, infusion_started_at, infusion_ended_at, administered_mg, discharged_at, closed_at)
					SELECT ?, visit_id, appointment_id, patient_id, room_id, 'History chair', starts_at, 80, 180, 'Escort',
					       '555', 'CLOSED', ?, starts_at, starts_at + interval '20 minutes', starts_at + interval '60 minutes',
					       40, starts_at + interval '125 minutes', starts_at + interval '130 minutes'
					FROM bench_slots
					""")
			.params(clinic, nurse.staffId())
			.update();
		this.jdbc.sql("""
				INSERT INTO infusion_dose_orders (clinic_id, visit_id, mg_per_kg, weight_basis, basis_weight_kg,
				    duration_minutes, dose_mg, rate_mg_per_hour, bag_volume_ml, concentration_mg_per_ml,
				    rate_ml_per_hour, arithmetic, signer_id, signer_name, signed_at)
				SELECT ?, visit_id, 0.5, 'ACTUAL', 80, 40, 40, 60, 100, 0.4, 150, 'seeded', ?, 'Physician',
				       starts_at + interval '15 minutes'
				FROM bench_slots
				""").params(clinic, physician.staffId()).update();
		this.jdbc.sql("""
				INSERT INTO infusion_vitals (clinic_id, id, visit_id, taken_at, stage, systolic, diastolic, heart_rate,
				    spo2, respiratory_rate, recorded_by, recorded_at)
				SELECT ?, gen_random_uuid(), visit_id, starts_at + k * interval '15 minutes', 'INFUSION',
				       120 + (g + k) % 30, 80, 70 + k, 97, 14, ?, starts_at + k * interval '15 minutes'
				FROM bench_slots, generate_series(0, 4) k
				""").params(clinic, nurse.staffId()).update();
		this.jdbc.sql("DROP TABLE bench_slots, bench_rooms, bench_patients").update();
		return total;
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
