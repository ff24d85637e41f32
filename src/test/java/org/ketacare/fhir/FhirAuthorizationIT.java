package org.ketacare.fhir;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.course.Protocols;
import org.ketacare.infusion.InfusionFixtures;
import org.ketacare.ledger.Ledger;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every FHIR interaction for every role, through HAPI's client: each role reaches exactly
 * what the clinic's pages and API let it see, a refusal is a 403 OperationOutcome, and
 * only the interactions allowed leave a read of the patient in the audit trail.
 */
@KetaCareIntegrationTest
class FhirAuthorizationIT {

	private static final Set<String> ALL = Set.of("intake", "nurse", "physician", "therapist", "admin");

	private static final Set<String> CHARTS = Set.of("nurse", "physician");

	private static final Set<String> ANSWERS = Set.of("intake", "nurse", "physician", "therapist");

	private static final Set<String> COURSES = Set.of("intake", "nurse", "physician");

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

	@Test
	void eachRoleReachesExactlyWhatItMaySee() throws Exception {
		String family = FhirFixtures.uniqueFamilyName();
		UUID patient = FhirFixtures.registered(this.mvc, this.staff, "main", "Ira", family, "1959-08-09");
		FhirFixtures.infusedVisit(this.mvc, this.staff,
				new InfusionFixtures(this.mvc, this.staff, this.jdbc, this.ledger, this.clock, this.protocols),
				this.clock, patient);
		String visit = this.jdbc.sql("SELECT id FROM infusion_visits WHERE patient_id = ?")
			.param(patient)
			.query(String.class)
			.single();
		Map<String, Interaction> interactions = Map.ofEntries(
				Map.entry("metadata",
						new Interaction(ALL, false,
								(client) -> client.capabilities().ofType(CapabilityStatement.class).execute())),
				Map.entry("Patient read", new Interaction(ALL, true,
						(client) -> client.read().resource(Patient.class).withId(patient.toString()).execute())),
				Map.entry("Patient search", new Interaction(ALL, true, search("Patient?name=" + family))),
				Map.entry("Patient/$everything",
						new Interaction(CHARTS, true,
								(client) -> client.operation()
									.onInstance(new IdType("Patient", patient.toString()))
									.named("$everything")
									.withNoParameters(Parameters.class)
									.useHttpGet()
									.returnResourceType(Bundle.class)
									.execute())),
				Map.entry("Observation vital signs",
						new Interaction(CHARTS, true, search("Observation?category=vital-signs&patient=" + patient))),
				Map.entry("Observation scores",
						new Interaction(ANSWERS, true, search("Observation?category=survey&patient=" + patient))),
				Map.entry("Encounter read",
						new Interaction(CHARTS, true,
								(client) -> client.read().resource("Encounter").withId(visit).execute())),
				Map.entry("Encounter search", new Interaction(CHARTS, true, search("Encounter?patient=" + patient))),
				Map.entry("MedicationAdministration search",
						new Interaction(CHARTS, true, search("MedicationAdministration?patient=" + patient))),
				Map.entry("Questionnaire read",
						new Interaction(ALL, false,
								(client) -> client.read().resource(Questionnaire.class).withId("phq-9").execute())),
				Map.entry("QuestionnaireResponse search",
						new Interaction(ANSWERS, true, search("QuestionnaireResponse?patient=" + patient))),
				Map.entry("Appointment search",
						new Interaction(COURSES, true, search("Appointment?patient=" + patient))),
				Map.entry("EpisodeOfCare search",
						new Interaction(COURSES, true, search("EpisodeOfCare?patient=" + patient))));

		List<String> wrong = new ArrayList<>();
		int patientReads = 0;
		int refusals = 0;
		int deniedBefore = denials();
		for (String role : ALL) {
			IGenericClient client = FhirFixtures.signedIn(this.mvc, this.port, role + ".main");
			for (Map.Entry<String, Interaction> entry : interactions.entrySet()) {
				Interaction interaction = entry.getValue();
				boolean allowed = interaction.roles().contains(role);
				try {
					interaction.call().apply(client);
					if (!allowed) {
						wrong.add(role + " was shown " + entry.getKey());
					}
					else if (interaction.readsThePatient()) {
						patientReads++;
					}
				}
				catch (ForbiddenOperationException ex) {
					refusals++;
					if (allowed) {
						wrong.add(role + " was refused " + entry.getKey());
					}
				}
			}
		}

		assertThat(wrong).isEmpty();
		assertThat(FhirFixtures.fhirReads(this.jdbc, patient)).as("one audit row per allowed read, none for refusals")
			.isEqualTo(patientReads);
		assertThat(denials() - deniedBefore).as("every refusal is in the audit trail").isEqualTo(refusals);
	}

	private int denials() {
		return this.jdbc
			.sql("SELECT count(*) FROM audit_events WHERE action = 'ACCESS_DENIED' AND details LIKE '%/fhir/%'")
			.query(Integer.class)
			.single();
	}

	private static Function<IGenericClient, Object> search(String url) {
		return (client) -> client.search().byUrl(url).returnBundle(Bundle.class).execute();
	}

	/**
	 * One interaction, the roles that may use it, and whether it shows the patient's
	 * data.
	 */
	private record Interaction(Set<String> roles, boolean readsThePatient, Function<IGenericClient, Object> call) {
	}

}
