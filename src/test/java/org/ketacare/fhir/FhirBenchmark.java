package org.ketacare.fhir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.jayway.jsonpath.JsonPath;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.course.Protocols;
import org.ketacare.infusion.HistorySeeder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * FHIR read and search latency for a patient with two years of history, through HAPI's
 * client over HTTP as an EHR would call us. {@value #PATIENTS} patients share two years
 * of visits (about 55 each, {@value #VITALS_PER_VISIT} sets of vital signs per visit);
 * the measured patient also answered a PHQ-9 and a GAD-7 every two weeks. Run with
 * {@code ./mvnw -Pbench verify -Dit.test=FhirBenchmark}; prints p50/p95, then the bulk
 * export's throughput for the whole clinic (resources/s) and the download rate.
 */
@KetaCareIntegrationTest
class FhirBenchmark {

	private static final int PATIENTS = 40;

	private static final int DAYS = 730;

	private static final int VISITS_PER_DAY = 3;

	private static final int VITALS_PER_VISIT = 8;

	private static final int RUNS = 60;

	private static final int TEN_YEAR_PATIENTS = 150;

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
	void readAndSearchLatencyForTwoYearsOfHistory() throws Exception {
		long seedStart = System.nanoTime();
		List<UUID> patients = new ArrayList<>();
		for (int i = 0; i < PATIENTS; i++) {
			patients.add(FhirFixtures.registered(this.mvc, this.staff, "main", "Bench", FhirFixtures.uniqueFamilyName(),
					"1975-06-07"));
		}
		int visits = new HistorySeeder(this.jdbc, this.staff, this.protocols, this.clock).seed(
				this.staff.demo("nurse.main"), this.staff.demo("physician.main"), patients, 1, DAYS, VISITS_PER_DAY,
				VITALS_PER_VISIT);
		UUID patient = patients.get(0);
		int responses = questionnairesEveryTwoWeeks(patient);
		this.jdbc.sql("ANALYZE").update();
		System.out.printf(
				"%nFHIR BENCHMARK: seeded %d visits for %d patients over %d days and %d responses in %.1f s%n", visits,
				PATIENTS, DAYS, responses, (System.nanoTime() - seedStart) / 1e9);

		IGenericClient client = FhirFixtures.signedIn(this.mvc, this.port, "physician.main");
		String mrn = client.read()
			.resource(Patient.class)
			.withId(patient.toString())
			.execute()
			.getIdentifierFirstRep()
			.getValue();
		String yearAgo = this.clock.instant().minus(Duration.ofDays(365)).toString().substring(0, 10);
		Bundle all = search(client, "Observation?patient=" + patient + "&_count=1");
		System.out.printf("FHIR BENCHMARK: the measured patient has %d observations%n", all.getTotal());

		measure("Patient read", () -> client.read().resource(Patient.class).withId(patient.toString()).execute());
		measure("Patient?identifier=<mrn>", () -> search(client, "Patient?identifier=" + mrn));
		measure("Observation?patient (first 50)", () -> search(client, "Observation?patient=" + patient));
		measure("Observation?patient&code=8867-4&date=ge<1y>&_sort=-date", () -> search(client,
				"Observation?patient=" + patient + "&code=http://loinc.org|8867-4&date=ge" + yearAgo + "&_sort=-date"));
		measure("Observation?patient&category=survey",
				() -> search(client, "Observation?patient=" + patient + "&category=survey&_count=100"));
		measure("Encounter?patient (first 50)", () -> search(client, "Encounter?patient=" + patient));
		measure("MedicationAdministration?patient",
				() -> search(client, "MedicationAdministration?patient=" + patient));
		measure("QuestionnaireResponse?patient", () -> search(client, "QuestionnaireResponse?patient=" + patient));
		measure("Appointment?patient&date=ge<1y>",
				() -> search(client, "Appointment?patient=" + patient + "&date=ge" + yearAgo));
		measure("EpisodeOfCare?patient", () -> search(client, "EpisodeOfCare?patient=" + patient));
		measure("Patient/$everything (first 100)",
				() -> client.operation()
					.onInstance(new IdType("Patient", patient.toString()))
					.named("$everything")
					.withParameter(Parameters.class, "_count", new UnsignedIntType(100))
					.useHttpGet()
					.returnResourceType(Bundle.class)
					.execute());
		exportThroughput("physician.main");
	}

	/**
	 * Ten years of a busier clinic ({@value #TEN_YEAR_PATIENTS} patients, two chairs,
	 * three visits each a day) through the bulk export: the files are many times the
	 * memory the export keeps, which stays bounded by one patient's history.
	 */
	@Test
	void bulkExportOfTenYearsOfHistory() throws Exception {
		List<UUID> patients = new ArrayList<>();
		for (int i = 0; i < TEN_YEAR_PATIENTS; i++) {
			patients.add(FhirFixtures.registered(this.mvc, this.staff, "north", "Decade",
					FhirFixtures.uniqueFamilyName(), "1960-02-03"));
		}
		int visits = new HistorySeeder(this.jdbc, this.staff, this.protocols, this.clock).seed(
				this.staff.demo("nurse.north"), this.staff.demo("physician.north"), patients, 2, 3650, VISITS_PER_DAY,
				6);
		this.jdbc.sql("ANALYZE").update();
		System.out.printf("%nFHIR BENCHMARK: seeded ten years, %d visits for %d patients in clinic north%n", visits,
				TEN_YEAR_PATIENTS);
		exportThroughput("physician.north");
	}

	/**
	 * The whole clinic through {@code $export}: kick-off, polling until the manifest is
	 * ready, then every file downloaded.
	 */
	private void exportThroughput(String physician) throws Exception {
		IGenericClient client = FhirFixtures.signedIn(this.mvc, this.port, physician);
		String token = FhirFixtures.token(this.mvc, physician);
		HttpClient http = HttpClient.newHttpClient();
		RetainedHeap retained = new RetainedHeap();
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
		long retainedBytes = retained.stop();
		int exported = this.jdbc.sql("SELECT count(*) FROM patients WHERE clinic_id = ?")
			.param(this.staff.demo(physician).clinicId())
			.query(Integer.class)
			.single();

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
		System.out.printf(
				"FHIR BENCHMARK: $export of %d patients: %d resources in %d files (%.1f MB); heap live after GC during the export at most %.1f MB%n",
				exported, resources, outputs.size(), bytes / 1e6, retainedBytes / 1e6);
		System.out.printf(
				"FHIR BENCHMARK: $export %.1f s = %.0f resources/s (%.1f patients/s); download %.2f s = %.1f MB/s%n",
				exportSeconds, resources / exportSeconds, exported / exportSeconds, downloadSeconds,
				bytes / 1e6 / downloadSeconds);
	}

	/**
	 * The most heap any collection left live while it watched: what the whole application
	 * (server and test) kept, garbage excluded.
	 */
	private static final class RetainedHeap {

		private final AtomicLong most = new AtomicLong();

		private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

		RetainedHeap() {
			this.sampler.scheduleAtFixedRate(this::sample, 0, 50, TimeUnit.MILLISECONDS);
		}

		private void sample() {
			long live = 0;
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
					live += pool.getCollectionUsage().getUsed();
				}
			}
			this.most.accumulateAndGet(live, Math::max);
		}

		long stop() {
			this.sampler.shutdownNow();
			return this.most.get();
		}

	}

	private static HttpRequest get(String url, String token) {
		return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
	}

	private int questionnairesEveryTwoWeeks(UUID patient) throws Exception {
		Instant now = this.clock.instant();
		int count = 0;
		for (int day = DAYS; day > 0; day -= 14) {
			String at = now.minus(Duration.ofDays(day)).toString();
			for (String answers : List.of("\"PHQ-9\",\"answers\":[1,2,0,3,1,0,2,1,0]",
					"\"GAD-7\",\"answers\":[1,1,1,1,1,1,1]")) {
				this.mvc
					.perform(post("/api/v1/patients/{id}/responses", patient)
						.with(TestStaff.as(this.staff.demo("nurse.main")))
						.contentType(MediaType.APPLICATION_JSON)
						.content("{\"instrument\":" + answers + ",\"timePoint\":\"booster\",\"answeredAt\":\"" + at
								+ "\"}"))
					.andExpect(status().isCreated());
				count++;
			}
		}
		return count;
	}

	private static Bundle search(IGenericClient client, String url) {
		return client.search().byUrl(url).returnBundle(Bundle.class).execute();
	}

	private static void measure(String label, Supplier<?> call) {
		for (int i = 0; i < 5; i++) {
			call.get();
		}
		long[] nanos = new long[RUNS];
		for (int i = 0; i < RUNS; i++) {
			long start = System.nanoTime();
			call.get();
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		System.out.printf("FHIR BENCHMARK: %-58s p50 %7.1f ms, p95 %7.1f ms (%d runs)%n", label, nanos[RUNS / 2] / 1e6,
				nanos[RUNS * 95 / 100] / 1e6, RUNS);
	}

}
