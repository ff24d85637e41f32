package org.ketacare.fhir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.jayway.jsonpath.JsonPath;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.course.Protocols;
import org.ketacare.fhir.internal.BulkExports;
import org.ketacare.fhir.internal.ExportQueue;
import org.ketacare.infusion.InfusionFixtures;
import org.ketacare.ledger.Ledger;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * FHIR Bulk Data export: kick-off through HAPI's client, then polling and downloads as
 * any bulk data client does them, following the URLs the server gives.
 */
@KetaCareIntegrationTest
class FhirExportIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

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

	@Autowired
	BulkExports exports;

	@Autowired
	ExportQueue queue;

	@Autowired
	FhirProperties properties;

	@Test
	void exportsEveryPatientOfTheClinicAsNdjsonPerTypeAndAuditsEachPatientOnce() throws Exception {
		UUID withVisit = FhirFixtures.registered(this.mvc, this.staff, "main", "Ada", FhirFixtures.uniqueFamilyName(),
				"1971-02-03");
		UUID registeredOnly = FhirFixtures.registered(this.mvc, this.staff, "main", "Bea",
				FhirFixtures.uniqueFamilyName(), "1988-09-10");
		UUID ofNorth = FhirFixtures.registered(this.mvc, this.staff, "north", "Cy", FhirFixtures.uniqueFamilyName(),
				"1979-11-12");
		FhirFixtures.visitWithVitals(this.mvc, this.staff, infusion(), withVisit, 2);
		String token = FhirFixtures.token(this.mvc, "physician.main");

		MethodOutcome kickOff = kickOff(client(token)).execute();

		assertThat(kickOff.getResponseStatusCode()).isEqualTo(202);
		String location = kickOff.getFirstResponseHeader("Content-Location").orElseThrow();
		assertThat(location).startsWith(FhirFixtures.base(this.port) + "/$export-poll-status?_jobId=");
		String jobId = location.substring(location.indexOf("_jobId=") + "_jobId=".length());
		String manifest = finished(token, location);
		assertThat(JsonPath.<Boolean>read(manifest, "$.requiresAccessToken")).isTrue();
		assertThat(JsonPath.<String>read(manifest, "$.request")).endsWith("/fhir/$export");
		assertThat(JsonPath.<String>read(manifest, "$.transactionTime")).isNotBlank();
		assertThat(JsonPath.<List<Object>>read(manifest, "$.error")).isEmpty();
		List<Map<String, Object>> outputs = JsonPath.read(manifest, "$.output");
		assertThat(outputs).extracting((output) -> output.get("type")).contains("Patient", "Observation", "Encounter");

		Map<String, List<IBaseResource>> exported = new HashMap<>();
		for (Map<String, Object> output : outputs) {
			List<IBaseResource> resources = download(token, (String) output.get("url"));
			assertThat(resources).as("%s", output.get("url")).hasSize((Integer) output.get("count"));
			assertThat(resources)
				.allSatisfy((resource) -> assertThat(resource.fhirType()).isEqualTo(output.get("type")));
			exported.computeIfAbsent((String) output.get("type"), (type) -> new ArrayList<>()).addAll(resources);
		}
		Set<String> patientIds = ids(exported.get("Patient"));
		assertThat(patientIds).contains(withVisit.toString(), registeredOnly.toString())
			.doesNotContain(ofNorth.toString());
		assertThat(exported.get("Observation")).map((resource) -> ((Observation) resource).getSubject().getReference())
			.contains("Patient/" + withVisit)
			.doesNotContain("Patient/" + registeredOnly, "Patient/" + ofNorth);
		// Each of the clinic's patients has a Patient resource, so each was audited once.
		assertThat(exportAudits(jobId)).isEqualTo(patientIds.size());
		assertThat(exportAudits(jobId, withVisit)).isOne();
		assertThat(exportAudits(jobId, registeredOnly)).isOne();
		assertThat(exportAudits(jobId, ofNorth)).isZero();
	}

	@Test
	void patientLevelExportWithTypesExportsOnlyThoseTypes() throws Exception {
		UUID patient = FhirFixtures.registered(this.mvc, this.staff, "main", "Di", FhirFixtures.uniqueFamilyName(),
				"1990-01-01");
		FhirFixtures.visitWithVitals(this.mvc, this.staff, infusion(), patient, 1);
		String token = FhirFixtures.token(this.mvc, "physician.main");

		MethodOutcome kickOff = client(token).operation()
			.onType("Patient")
			.named("$export")
			.withParameter(Parameters.class, "_type", new StringType("Patient,Observation"))
			.andParameter("_outputFormat", new StringType("application/fhir+ndjson"))
			.useHttpGet()
			.withAdditionalHeader("Prefer", "respond-async")
			.returnMethodOutcome()
			.execute();

		String manifest = finished(token, kickOff.getFirstResponseHeader("Content-Location").orElseThrow());
		assertThat(JsonPath.<List<String>>read(manifest, "$.output[*].type")).containsOnly("Patient", "Observation")
			.contains("Patient", "Observation");
		assertThat(JsonPath.<String>read(manifest, "$.request")).contains("/fhir/Patient/$export?_type=");
	}

	@Test
	void aBadRequestIsRefusedWith400AndStartsNothing() throws Exception {
		IGenericClient client = client(FhirFixtures.token(this.mvc, "physician.main"));
		int before = jobs();

		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> client.operation()
				.onServer()
				.named("$export")
				.withNoParameters(Parameters.class)
				.useHttpGet()
				.returnMethodOutcome()
				.execute())
			.withMessageContaining("Prefer: respond-async");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> kickOffWith(client, "_type", "Patient,Medication").execute())
			.withMessageContaining("Medication is not exported");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> kickOffWith(client, "_since", "2024-01-01T00:00:00Z").execute())
			.withMessageContaining("_since is not supported");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> kickOffWith(client, "_outputFormat", "text/csv").execute())
			.withMessageContaining("_outputFormat");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> kickOffWith(client, "_typeFilter", "Observation?code=8867-4").execute())
			.withMessageContaining("_typeFilter is not supported");

		assertThat(jobs()).isEqualTo(before);
	}

	@Test
	void onlyAPhysicianExportsAndTheRefusalIsAudited() throws Exception {
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		int before = jobs();

		assertThatExceptionOfType(ForbiddenOperationException.class)
			.isThrownBy(() -> kickOff(client(token(nurse.username(), TestStaff.PASSWORD))).execute());

		assertThat(jobs()).isEqualTo(before);
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM audit_events
				 WHERE action = 'ACCESS_DENIED' AND actor_id = ? AND details = 'GET /fhir/$export'
				""").param(nurse.staffId()).query(Integer.class).single()).isOne();
	}

	@Test
	void onlyThePhysicianWhoStartedAnExportSeesItAndAnotherClinicNeverDoes() throws Exception {
		FhirFixtures.registered(this.mvc, this.staff, "main", "Em", FhirFixtures.uniqueFamilyName(), "1966-06-06");
		String token = FhirFixtures.token(this.mvc, "physician.main");
		String location = kickOff(client(token)).execute().getFirstResponseHeader("Content-Location").orElseThrow();
		String manifest = finished(token, location);
		String file = JsonPath.read(manifest, "$.output[0].url");
		StaffPrincipal colleague = this.staff.create("main", Role.PHYSICIAN);
		String colleagues = token(colleague.username(), TestStaff.PASSWORD);
		String norths = FhirFixtures.token(this.mvc, "physician.north");

		for (String other : List.of(colleagues, norths)) {
			assertThat(get(other, location).statusCode()).isEqualTo(404);
			assertThat(get(other, file).statusCode()).isEqualTo(404);
			assertThat(send(other, HttpRequest.newBuilder(URI.create(location)).DELETE()).statusCode()).isEqualTo(404);
		}
		assertThat(get(token, file).statusCode()).isEqualTo(200);
		assertThat(get(token, FhirFixtures.base(this.port) + "/$export-poll-status?_jobId=" + UUID.randomUUID())
			.statusCode()).isEqualTo(404);
	}

	@Test
	void cancellingDeletesTheExportAndItsFiles() throws Exception {
		FhirFixtures.registered(this.mvc, this.staff, "main", "Fay", FhirFixtures.uniqueFamilyName(), "1955-05-05");
		String token = FhirFixtures.token(this.mvc, "physician.main");
		String location = kickOff(client(token)).execute().getFirstResponseHeader("Content-Location").orElseThrow();
		UUID jobId = UUID.fromString(location.substring(location.indexOf("_jobId=") + "_jobId=".length()));
		String file = JsonPath.read(finished(token, location), "$.output[0].url");
		assertThat(parts(jobId)).isPositive();

		assertThat(send(token, HttpRequest.newBuilder(URI.create(location)).DELETE()).statusCode()).isEqualTo(202);

		assertThat(parts(jobId)).isZero();
		assertThat(get(token, location).statusCode()).isEqualTo(404);
		assertThat(get(token, file).statusCode()).isEqualTo(404);
	}

	@Test
	void aRunningExportShowsItsProgressAndHoldsOffASecondOne() throws Exception {
		StaffPrincipal physician = this.staff.demo("physician.north");
		String token = FhirFixtures.token(this.mvc, "physician.north");
		UUID running = runningJob(physician, 3, 7, Duration.ZERO);
		try {
			HttpResponse<String> status = get(token,
					FhirFixtures.base(this.port) + "/$export-poll-status?_jobId=" + running);
			assertThat(status.statusCode()).isEqualTo(202);
			assertThat(status.headers().firstValue("X-Progress")).contains("3 of 7 patients");
			assertThat(status.headers().firstValue("Retry-After")).isPresent();

			HttpResponse<String> second = send(token,
					HttpRequest.newBuilder(URI.create(FhirFixtures.base(this.port) + "/$export"))
						.header("Prefer", "respond-async")
						.GET());
			assertThat(second.statusCode()).isEqualTo(429);
			assertThat(second.headers().firstValue("Retry-After")).isPresent();
			assertThat(FhirFixtures.CLIENT_CONTEXT.newJsonParser()
				.parseResource(OperationOutcome.class, second.body())
				.getIssueFirstRep()
				.getDiagnostics()).contains("already has a bulk export running");
			this.mvc.perform(MockMvcRequestBuilders.get("/").with(TestStaff.as(this.staff.demo("admin.north"))))
				.andExpect(content().string(containsString("Bulk FHIR exports")))
				.andExpect(content().string(containsString(">3 of 7<")))
				.andExpect(content().string(containsString(physician.displayName())));
			this.mvc.perform(MockMvcRequestBuilders.get("/").with(TestStaff.as(this.staff.demo("nurse.north"))))
				.andExpect(content().string(not(containsString("Bulk FHIR exports"))));
			this.mvc.perform(MockMvcRequestBuilders.get("/").with(TestStaff.as(this.staff.demo("admin.main"))))
				.andExpect(content().string(not(containsString(">3 of 7<"))));
		}
		finally {
			this.jdbc.sql("DELETE FROM fhir_export_jobs WHERE clinic_id = ? AND id = ?")
				.params(physician.clinicId(), running)
				.update();
		}
	}

	@Test
	void anExportWhoseNodeWentAwayFailsWithAnOperationOutcome() throws Exception {
		StaffPrincipal physician = this.staff.demo("physician.north");
		String token = FhirFixtures.token(this.mvc, "physician.north");
		UUID stalled = runningJob(physician, 1, 5, Duration.ofHours(1));

		HttpResponse<String> status = get(token,
				FhirFixtures.base(this.port) + "/$export-poll-status?_jobId=" + stalled);

		assertThat(status.statusCode()).isEqualTo(500);
		assertThat(FhirFixtures.CLIENT_CONTEXT.newJsonParser()
			.parseResource(OperationOutcome.class, status.body())
			.getIssueFirstRep()
			.getDiagnostics()).contains("stopped making progress");
		assertThat(parts(stalled)).isZero();
	}

	@Test
	void filesAreDeletedWhenTheRetentionTimeHasPassed() throws Exception {
		FhirFixtures.registered(this.mvc, this.staff, "main", "Gil", FhirFixtures.uniqueFamilyName(), "1944-04-04");
		String token = FhirFixtures.token(this.mvc, "physician.main");
		String location = kickOff(client(token)).execute().getFirstResponseHeader("Content-Location").orElseThrow();
		UUID jobId = UUID.fromString(location.substring(location.indexOf("_jobId=") + "_jobId=".length()));
		finished(token, location);

		this.exports.sweep(this.clock.instant().plus(Duration.ofHours(23)));
		assertThat(parts(jobId)).isPositive();
		this.exports.sweep(this.clock.instant().plus(Duration.ofHours(25)));

		assertThat(parts(jobId)).isZero();
		assertThat(get(token, location).statusCode()).isEqualTo(404);
	}

	@Test
	void aNodeWhoseExportPlacesAreAllTakenAnswers429WithRetryAfterAndStoresNothing() throws Exception {
		FhirFixtures.registered(this.mvc, this.staff, "main", "Hal", FhirFixtures.uniqueFamilyName(), "1962-02-02");
		String token = FhirFixtures.token(this.mvc, "physician.main");
		CountDownLatch release = new CountDownLatch(1);
		List<ExportQueue.Reservation> taken = new ArrayList<>();
		try {
			for (Optional<ExportQueue.Reservation> place = this.queue.reserve(); place
				.isPresent(); place = this.queue.reserve()) {
				taken.add(place.get());
				place.get().submit(UUID.randomUUID(), UUID.randomUUID(), () -> awaitQuietly(release));
			}
			assertThat(taken).hasSize(this.properties.exportThreads() + this.properties.exportQueue());
			int jobsBefore = jobs();

			HttpResponse<String> busy = send(token,
					HttpRequest.newBuilder(URI.create(FhirFixtures.base(this.port) + "/$export"))
						.header("Prefer", "respond-async")
						.GET());

			assertThat(busy.statusCode()).isEqualTo(429);
			assertThat(busy.headers().firstValue("Retry-After")).isPresent();
			assertThat(FhirFixtures.CLIENT_CONTEXT.newJsonParser()
				.parseResource(OperationOutcome.class, busy.body())
				.getIssueFirstRep()
				.getDiagnostics()).contains("busy with other bulk exports");
			assertThat(jobs()).isEqualTo(jobsBefore);
		}
		finally {
			release.countDown();
		}
		// The places come back as the blocking work ends; then the clinic exports again.
		String location = await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> kickOff(client(token)).execute().getFirstResponseHeader("Content-Location").orElse(null),
					(url) -> url != null);
		assertThat(finished(token, location)).contains("\"output\"");
	}

	@Test
	void aQueuedExportIsNotStaleBeforeItStartsAndThenRunsToTheEnd() throws Exception {
		FhirFixtures.registered(this.mvc, this.staff, "main", "Ivy", FhirFixtures.uniqueFamilyName(), "1977-07-07");
		String token = FhirFixtures.token(this.mvc, "physician.main");
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch threadsBusy = new CountDownLatch(this.properties.exportThreads());
		String location;
		try {
			for (int thread = 0; thread < this.properties.exportThreads(); thread++) {
				this.queue.reserve().orElseThrow().submit(UUID.randomUUID(), UUID.randomUUID(), () -> {
					threadsBusy.countDown();
					awaitQuietly(release);
				});
			}
			assertThat(threadsBusy.await(30, TimeUnit.SECONDS)).isTrue();
			location = kickOff(client(token)).execute().getFirstResponseHeader("Content-Location").orElseThrow();

			// Longer than the stale time after the kick-off, while it still waits for a
			// thread.
			this.exports
				.sweep(this.clock.instant().plus(this.properties.exportStaleAfter()).plus(Duration.ofMinutes(1)));

			HttpResponse<String> waiting = get(token, location);
			assertThat(waiting.statusCode()).isEqualTo(202);
			assertThat(waiting.headers().firstValue("X-Progress"))
				.hasValueSatisfying((progress) -> assertThat(progress).startsWith("0 of "));
		}
		finally {
			release.countDown();
		}
		assertThat(JsonPath.<List<Object>>read(finished(token, location), "$.output")).isNotEmpty();
	}

	private ca.uhn.fhir.rest.gclient.IOperationUntypedWithInput<MethodOutcome> kickOff(IGenericClient client) {
		return client.operation()
			.onServer()
			.named("$export")
			.withNoParameters(Parameters.class)
			.useHttpGet()
			.withAdditionalHeader("Prefer", "respond-async")
			.returnMethodOutcome();
	}

	private ca.uhn.fhir.rest.gclient.IOperationUntypedWithInput<MethodOutcome> kickOffWith(IGenericClient client,
			String parameter, String value) {
		return client.operation()
			.onServer()
			.named("$export")
			.withParameter(Parameters.class, parameter, new StringType(value))
			.useHttpGet()
			.withAdditionalHeader("Prefer", "respond-async")
			.returnMethodOutcome();
	}

	/** Polls the status URL until the export is done; returns the manifest. */
	private String finished(String token, String location) {
		return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
			HttpResponse<String> response = get(token, location);
			assertThat(response.statusCode()).isIn(200, 202);
			return (response.statusCode() == 200) ? response.body() : null;
		}, (body) -> body != null);
	}

	private List<IBaseResource> download(String token, String url) throws Exception {
		HttpResponse<String> response = get(token, url);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/fhir+ndjson"));
		List<IBaseResource> resources = new ArrayList<>();
		for (String line : response.body().split("\n")) {
			resources.add(FhirFixtures.CLIENT_CONTEXT.newJsonParser().parseResource(line));
		}
		return resources;
	}

	private HttpResponse<String> get(String token, String url) throws IOException, InterruptedException {
		return send(token, HttpRequest.newBuilder(URI.create(url)).GET());
	}

	private HttpResponse<String> send(String token, HttpRequest.Builder request)
			throws IOException, InterruptedException {
		return this.http.send(request.header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private IGenericClient client(String token) {
		IGenericClient client = FhirFixtures.anonymous(this.port);
		client.registerInterceptor(new BearerTokenAuthInterceptor(token));
		return client;
	}

	private String token(String username, String password) throws Exception {
		String body = this.mvc
			.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\": \"%s\", \"password\": \"%s\"}".formatted(username, password)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(body, "$.access_token");
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private InfusionFixtures infusion() {
		return new InfusionFixtures(this.mvc, this.staff, this.jdbc, this.ledger, this.clock, this.protocols);
	}

	/**
	 * A job that looks as if another node were running it, last moving on {@code ago}.
	 */
	private UUID runningJob(StaffPrincipal physician, int done, int total, Duration ago) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO fhir_export_jobs (clinic_id, id, requested_by, requested_at, request_url, types, status,
				    patients_total, patients_done, progressed_at, transaction_time)
				VALUES (?, ?, ?, ?, 'http://localhost/fhir/$export', 'Patient', 'RUNNING', ?, ?, ?, ?)
				""")
			.params(physician.clinicId(), id, physician.staffId(), Timestamps.of(this.clock.instant().minus(ago)),
					total, done, Timestamps.of(this.clock.instant().minus(ago)),
					Timestamps.of(this.clock.instant().minus(ago)))
			.update();
		this.jdbc.sql("""
				INSERT INTO fhir_export_parts (clinic_id, job_id, resource_type, part_no, resource_count, ndjson)
				VALUES (?, ?, 'Patient', 1, 1, '{"resourceType":"Patient"}' || chr(10))
				""").params(physician.clinicId(), id).update();
		return id;
	}

	private int jobs() {
		return this.jdbc.sql("SELECT count(*) FROM fhir_export_jobs").query(Integer.class).single();
	}

	private int parts(UUID jobId) {
		return this.jdbc.sql("SELECT count(*) FROM fhir_export_parts WHERE job_id = ?")
			.param(jobId)
			.query(Integer.class)
			.single();
	}

	private int exportAudits(String jobId) {
		return this.jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'FHIR_EXPORT' AND details LIKE ?")
			.param("%" + jobId)
			.query(Integer.class)
			.single();
	}

	private int exportAudits(String jobId, UUID patientId) {
		return this.jdbc.sql("""
				SELECT count(*) FROM audit_events WHERE action = 'FHIR_EXPORT' AND details LIKE ? AND patient_id = ?
				""").params("%" + jobId, patientId).query(Integer.class).single();
	}

	private static Set<String> ids(List<IBaseResource> resources) {
		Set<String> ids = new HashSet<>();
		for (IBaseResource resource : resources) {
			ids.add(resource.getIdElement().getIdPart());
		}
		return ids;
	}

}
