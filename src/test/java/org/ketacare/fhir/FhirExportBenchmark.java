package org.ketacare.fhir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.jayway.jsonpath.JsonPath;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.course.Protocols;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Bulk export throughput: 50 patients with two years of weekly infusions each (5,200
 * visits, 5 vital-sign sets per visit), seeded with generate_series, exported through
 * {@code $export} and downloaded. Run with
 * {@code ./mvnw -Pbench verify -Dit.test=FhirExportBenchmark}; prints resources per
 * second and asserts nothing about time.
 */
@KetaCareIntegrationTest
class FhirExportBenchmark {

	private static final int PATIENTS = 50;

	private static final int WEEKS = 104;

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	Protocols protocols;

	@Test
	void exportTwoYearsOfWeeklyInfusions() throws Exception {
		List<UUID> patients = new ArrayList<>();
		for (int i = 0; i < PATIENTS; i++) {
			patients.add(FhirFixtures.registered(this.mvc, this.staff, "main", "Bench", FhirFixtures.uniqueFamilyName(),
					"1970-01-01"));
		}
		int visits = seedHistory(patients);
		this.jdbc.sql("ANALYZE").update();
		String token = FhirFixtures.token(this.mvc, "physician.main");
		IGenericClient client = FhirFixtures.signedIn(this.mvc, this.port, "physician.main");
		HttpClient http = HttpClient.newHttpClient();

		long start = System.nanoTime();
		String location = client.operation()
			.onServer()
			.named("$export")
			.withNoParameters(Parameters.class)
			.useHttpGet()
			.withAdditionalHeader("Prefer", "respond-async")
			.returnMethodOutcome()
			.execute()
			.getFirstResponseHeader("Content-Location")
			.orElseThrow();
		String manifest = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			HttpResponse<String> response = http.send(get(location, token), HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? response.body() : null;
		}, (body) -> body != null);
		double exportSeconds = (System.nanoTime() - start) / 1e9;

		List<Map<String, Object>> outputs = JsonPath.read(manifest, "$.output");
		long resources = 0;
		long bytes = 0;
		long downloadStart = System.nanoTime();
		for (Map<String, Object> output : outputs) {
			resources += (Integer) output.get("count");
			bytes += http.send(get((String) output.get("url"), token), HttpResponse.BodyHandlers.ofByteArray())
				.body().length;
		}
		double downloadSeconds = (System.nanoTime() - downloadStart) / 1e9;
		System.out.printf("%nFHIR EXPORT BENCHMARK: %d patients, %d visits; %d resources in %d files (%.1f MB)%n",
				PATIENTS, visits, resources, outputs.size(), bytes / 1e6);
		System.out.printf("FHIR EXPORT BENCHMARK: export %.1f s = %.0f resources/s (%.1f patients/s)%n", exportSeconds,
				resources / exportSeconds, PATIENTS / exportSeconds);
		System.out.printf("FHIR EXPORT BENCHMARK: download %.2f s = %.1f MB/s%n", downloadSeconds,
				bytes / 1e6 / downloadSeconds);
	}

	private static HttpRequest get(String url, String token) {
		return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
	}

	/**
	 * Weekly closed infusion visits for each patient, with a dose order and 5 vital-sign
	 * sets.
	 */
	private int seedHistory(List<UUID> patients) {
		StaffPrincipal nurse = this.staff.demo("nurse.main");
		StaffPrincipal physician = this.staff.demo("physician.main");
		UUID clinic = nurse.clinicId();
		UUID admin = this.staff.demo("admin.main").staffId();
		Instant from = this.clock.instant().minus(Duration.ofDays(WEEKS * 7L + 7));
		// A chair of their own for each patient, so that no two seeded appointments
		// overlap.
		this.jdbc.sql("CREATE UNLOGGED TABLE bench_patients (n INT, patient_id UUID, course_id UUID, room_id UUID)")
			.update();
		for (int i = 0; i < patients.size(); i++) {
			this.jdbc.sql("INSERT INTO bench_patients VALUES (?, ?, gen_random_uuid(), gen_random_uuid())")
				.params(i, patients.get(i))
				.update();
		}
		this.jdbc.sql("""
				INSERT INTO rooms (clinic_id, id, name, active, created_at)
				SELECT ?, room_id, 'Bench chair ' || room_id, false, ? FROM bench_patients
				""").params(clinic, Timestamps.of(from)).update();
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
		this.jdbc.sql("""
				CREATE UNLOGGED TABLE bench_slots AS
				SELECT w * 1000 + p.n AS g, gen_random_uuid() AS appointment_id, gen_random_uuid() AS visit_id,
				       p.patient_id, p.course_id, p.room_id,
				       ?::timestamptz + w * interval '7 days' AS starts_at
				FROM bench_patients p, generate_series(0, ? - 1) w
				""").params(Timestamps.of(from), WEEKS).update();
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
					SELECT ?, visit_id, appointment_id, patient_id, room_id, 'Bench chair', starts_at, 80, 180, 'Escort',
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
		this.jdbc.sql("DROP TABLE bench_slots, bench_patients").update();
		return PATIENTS * WEEKS;
	}

}
