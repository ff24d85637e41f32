package org.ketacare.fhir;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.jayway.jsonpath.JsonPath;
import org.ketacare.TestStaff;
import org.ketacare.infusion.InfusionFixtures;
import org.ketacare.ledger.Vial;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * HAPI's own FHIR client pointed at the running server with a staff member's bearer
 * token, and patients registered through the patient API.
 */
final class FhirFixtures {

	static final FhirContext CLIENT_CONTEXT = clientContext();

	private static final String VITALS = "{\"systolic\": 128, \"diastolic\": 82, \"heartRate\": 72, \"spo2\": 98, \"respiratoryRate\": 14}";

	private FhirFixtures() {
	}

	private static FhirContext clientContext() {
		FhirContext context = FhirContext.forR4();
		context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		return context;
	}

	static String base(int port) {
		return "http://localhost:" + port + "/fhir";
	}

	/** A client without credentials. */
	static IGenericClient anonymous(int port) {
		return CLIENT_CONTEXT.newRestfulGenericClient(base(port));
	}

	/** A client signed in as the demo user with this name, such as {@code nurse.main}. */
	static IGenericClient signedIn(MockMvc mvc, int port, String username) throws Exception {
		IGenericClient client = anonymous(port);
		client.registerInterceptor(new BearerTokenAuthInterceptor(token(mvc, username)));
		return client;
	}

	static String token(MockMvc mvc, String username) throws Exception {
		String body = mvc
			.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\": \"%s\", \"password\": \"%s\"}".formatted(username, TestStaff.DEMO_PASSWORD)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(body, "$.access_token");
	}

	/** A newly registered patient of the clinic; returns its id. */
	static UUID registered(MockMvc mvc, TestStaff staff, String clinic, String givenName, String familyName,
			String birthDate) throws Exception {
		String body = mvc
			.perform(post("/api/v1/patients").with(TestStaff.as(staff.demo("intake." + clinic)))
				.contentType(MediaType.APPLICATION_JSON)
				.content(
						"""
								{"givenName": "%s", "familyName": "%s", "birthDate": "%s", "sexAtBirth": "female", "pregnancyPossible": false,
								 "phone": "+1 555 0100", "email": "%s@example.org", "weightKg": 70, "heightCm": 170}
								"""
							.formatted(givenName, familyName, birthDate, UUID.randomUUID().toString().substring(0, 8))))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return UUID.fromString(JsonPath.read(body, "$.id"));
	}

	/**
	 * Checks the patient in for an infusion appointment starting now (80 kg) and records
	 * {@code sets} sets of vital signs (128/82, 72/min, 98 %, 14/min); returns the visit.
	 */
	static UUID visitWithVitals(MockMvc mvc, TestStaff staff, InfusionFixtures infusion, UUID patientId, int sets)
			throws Exception {
		UUID appointment = infusion.appointmentNow("main", patientId);
		String visit = mvc.perform(post("/api/v1/appointments/{id}/visit", appointment)
			.with(TestStaff.as(staff.demo("nurse.main")))
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"identityConfirmed\": true, \"weightKg\": 80, \"escortName\": \"Sam Lee\", \"escortPhone\": \"555-0100\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		UUID visitId = UUID.fromString(JsonPath.read(visit, "$.id"));
		for (int i = 0; i < sets; i++) {
			mvc.perform(post("/api/v1/visits/{id}/vitals", visitId).with(TestStaff.as(staff.demo("nurse.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content(
						"{\"systolic\": 128, \"diastolic\": 82, \"heartRate\": 72, \"spo2\": 98, \"respiratoryRate\": 14}"))
				.andExpect(status().isCreated());
		}
		return visitId;
	}

	/**
	 * A visit of the patient through check-in, checks, vital signs, a 0.5 mg/kg order (40
	 * mg at 60 mg/h), preparation from one new vial and a 40-minute infusion, stopped an
	 * hour ago; returns the visit.
	 */
	static UUID infusedVisit(MockMvc mvc, TestStaff staff, InfusionFixtures infusion, Clock clock, UUID patientId)
			throws Exception {
		UUID visit = visitWithVitals(mvc, staff, infusion, patientId, 0);
		infusion.checkedInMinutesAgo(visit, 120);
		StaffPrincipal checker = staff.create("main", Role.NURSE);
		perform(mvc, staff.demo("nurse.main"), "/api/v1/visits/" + visit + "/checks",
				"{\"fasting\": true, \"pregnancyTest\": \"not_applicable\", \"newMedications\": []}");
		perform(mvc, staff.demo("nurse.main"), "/api/v1/visits/" + visit + "/vitals", VITALS);
		perform(mvc, staff.demo("physician.main"), "/api/v1/visits/" + visit + "/dose-order",
				"{\"mgPerKg\": 0.5, \"weightBasis\": \"actual\", \"password\": \"ketacare-demo\"}");
		Vial vial = infusion.vial("main");
		perform(mvc, staff.demo("nurse.main"), "/api/v1/visits/" + visit + "/preparation",
				"{\"site\": \"left antecubital\", \"gauge\": 22, \"vials\": [{\"vialId\": \"" + vial.id()
						+ "\", \"mg\": 45}], \"drawnMl\": 0.9, \"diluent\": \"0.9% sodium chloride\", "
						+ "\"finalVolumeMl\": 100, \"checkerUsername\": \"" + checker.username()
						+ "\", \"checkerPassword\": \"" + TestStaff.PASSWORD + "\"}");
		Instant now = clock.instant();
		perform(mvc, staff.demo("nurse.main"), "/api/v1/visits/" + visit + "/infusion",
				"{\"kind\": \"start\", \"at\": \"" + now.minus(Duration.ofMinutes(101)) + "\"}");
		perform(mvc, staff.demo("nurse.main"), "/api/v1/visits/" + visit + "/infusion",
				"{\"kind\": \"stop\", \"at\": \"" + now.minus(Duration.ofMinutes(61)) + "\"}");
		return visit;
	}

	private static void perform(MockMvc mvc, StaffPrincipal as, String path, String json) throws Exception {
		mvc.perform(post(path).with(TestStaff.as(as)).contentType(MediaType.APPLICATION_JSON).content(json))
			.andExpect(status().is2xxSuccessful());
	}

	/** How many FHIR reads of the patient's data the audit trail holds. */
	static int fhirReads(JdbcClient jdbc, UUID patientId) {
		return jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'FHIR_READ' AND patient_id = ?")
			.param(patientId)
			.query(Integer.class)
			.single();
	}

	/** A family name no other test uses. */
	static String uniqueFamilyName() {
		String letters = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
		return "Fhir" + letters.substring(0, Math.min(8, letters.length()));
	}

}
