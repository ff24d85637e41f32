package org.ketacare.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@KetaCareIntegrationTest
class FhirPatientIT {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Test
	void readsAPatientWithTheClinicsMrnSystemAndAuditsTheRead() throws Exception {
		String family = FhirFixtures.uniqueFamilyName();
		UUID id = FhirFixtures.registered(this.mvc, this.staff, "main", "Dana", family, "1984-03-21");
		IGenericClient client = FhirFixtures.signedIn(this.mvc, this.port, "nurse.main");

		Patient patient = client.read().resource(Patient.class).withId(id.toString()).execute();

		assertThat(patient.getIdElement().getIdPart()).isEqualTo(id.toString());
		assertThat(patient.getNameFirstRep().getFamily()).isEqualTo(family);
		assertThat(patient.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Dana");
		assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1984-03-21");
		assertThat(patient.getGender()).isEqualTo(AdministrativeGender.FEMALE);
		assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo("urn:ketacare:clinic:main:mrn");
		assertThat(patient.getIdentifierFirstRep().getValue()).isNotBlank();
		assertThat(patient.getTelecom()).hasSize(2);
		assertThat(fhirReads(id)).isEqualTo(1);
	}

	@Test
	void searchesByIdentifierNameAndBirthDate() throws Exception {
		String family = FhirFixtures.uniqueFamilyName();
		UUID first = FhirFixtures.registered(this.mvc, this.staff, "main", "Robin", family, "1975-01-02");
		UUID second = FhirFixtures.registered(this.mvc, this.staff, "main", "Sam", family, "1990-07-08");
		IGenericClient client = FhirFixtures.signedIn(this.mvc, this.port, "physician.main");
		String mrn = client.read()
			.resource(Patient.class)
			.withId(first.toString())
			.execute()
			.getIdentifierFirstRep()
			.getValue();

		assertThat(ids(client.search()
			.forResource(Patient.class)
			.where(Patient.IDENTIFIER.exactly().systemAndCode("urn:ketacare:clinic:main:mrn", mrn))
			.returnBundle(Bundle.class)
			.execute())).containsExactly(first.toString());
		assertThat(ids(client.search()
			.forResource(Patient.class)
			.where(Patient.IDENTIFIER.exactly().code(mrn))
			.returnBundle(Bundle.class)
			.execute())).containsExactly(first.toString());
		assertThat(ids(client.search()
			.forResource(Patient.class)
			.where(Patient.IDENTIFIER.exactly().systemAndCode("urn:ketacare:clinic:north:mrn", mrn))
			.returnBundle(Bundle.class)
			.execute())).isEmpty();
		assertThat(ids(client.search()
			.forResource(Patient.class)
			.where(Patient.NAME.matches().value(family))
			.returnBundle(Bundle.class)
			.execute())).containsExactlyInAnyOrder(first.toString(), second.toString());
		assertThat(ids(client.search()
			.forResource(Patient.class)
			.where(Patient.NAME.matches().value(family))
			.and(Patient.BIRTHDATE.exactly().day("1990-07-08"))
			.returnBundle(Bundle.class)
			.execute())).containsExactly(second.toString());
		assertThat(ids(client.search()
			.byUrl("Patient?name=" + family + "&birthdate=1975")
			.returnBundle(Bundle.class)
			.execute())).containsExactly(first.toString());
		assertThat(fhirReads(second)).isEqualTo(2);
	}

	@Test
	void searchesPageWithCountAndNextLinksAndCountTheMatches() throws Exception {
		String family = FhirFixtures.uniqueFamilyName();
		for (String given : List.of("Ada", "Ben", "Cy", "Dee", "Eli")) {
			FhirFixtures.registered(this.mvc, this.staff, "main", given, family, "1980-05-06");
		}
		IGenericClient client = FhirFixtures.signedIn(this.mvc, this.port, "nurse.main");

		Bundle page = client.search()
			.forResource(Patient.class)
			.where(Patient.NAME.matches().value(family))
			.count(2)
			.returnBundle(Bundle.class)
			.execute();
		assertThat(page.getTotal()).isEqualTo(5);
		List<String> given = new ArrayList<>(names(page));
		while (page.getLink(Bundle.LINK_NEXT) != null) {
			assertThat(page.getEntry()).hasSize(2);
			page = client.loadPage().next(page).execute();
			given.addAll(names(page));
		}
		assertThat(given).containsExactly("Ada", "Ben", "Cy", "Dee", "Eli");
	}

	@Test
	void anUnknownIdIsNotFoundWithAnOperationOutcome() throws Exception {
		IGenericClient client = FhirFixtures.signedIn(this.mvc, this.port, "nurse.main");

		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> client.read().resource(Patient.class).withId(UUID.randomUUID().toString()).execute())
			.satisfies((ex) -> assertThat(ex.getOperationOutcome()).isInstanceOf(OperationOutcome.class));
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> client.read().resource(Patient.class).withId("not-one-of-ours").execute());
	}

	@Test
	void anotherClinicsPatientIsNotFoundAndNeverListed() throws Exception {
		String family = FhirFixtures.uniqueFamilyName();
		UUID northPatient = FhirFixtures.registered(this.mvc, this.staff, "north", "Kim", family, "1988-11-12");
		IGenericClient main = FhirFixtures.signedIn(this.mvc, this.port, "physician.main");

		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> main.read().resource(Patient.class).withId(northPatient.toString()).execute());
		assertThat(ids(main.search()
			.forResource(Patient.class)
			.where(Patient.NAME.matches().value(family))
			.returnBundle(Bundle.class)
			.execute())).isEmpty();
		assertThat(fhirReads(northPatient)).isZero();
	}

	@Test
	void anUnsupportedSearchParameterIsABadRequest() throws Exception {
		IGenericClient client = FhirFixtures.signedIn(this.mvc, this.port, "nurse.main");

		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> client.search().byUrl("Patient?address-city=Boston").returnBundle(Bundle.class).execute())
			.satisfies((ex) -> assertThat(ex.getOperationOutcome()).isInstanceOf(OperationOutcome.class));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(
				() -> client.search().byUrl("Patient?birthdate=gt1980-01-01").returnBundle(Bundle.class).execute());
	}

	@Test
	void withoutATokenNothingIsShown() {
		IGenericClient client = FhirFixtures.anonymous(this.port);

		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> client.search().forResource(Patient.class).returnBundle(Bundle.class).execute());
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> client.capabilities().ofType(CapabilityStatement.class).execute());
	}

	@Test
	void theCapabilityStatementListsWhatIsSupported() throws Exception {
		IGenericClient client = FhirFixtures.signedIn(this.mvc, this.port, "nurse.main");

		CapabilityStatement statement = client.capabilities().ofType(CapabilityStatement.class).execute();

		assertThat(statement.getFhirVersion().toCode()).isEqualTo("4.0.1");
		// OperationDefinition is HAPI's own: it describes the server's operations.
		assertThat(statement.getRestFirstRep().getResource()).extracting((resource) -> resource.getType())
			.containsExactlyInAnyOrder("Patient", "Observation", "Encounter", "MedicationAdministration", "Appointment",
					"EpisodeOfCare", "Questionnaire", "QuestionnaireResponse", "OperationDefinition");
		CapabilityStatement.CapabilityStatementRestResourceComponent patient = statement.getRestFirstRep()
			.getResource()
			.stream()
			.filter((resource) -> resource.getType().equals("Patient"))
			.findFirst()
			.orElseThrow();
		assertThat(patient.getInteraction()).extracting((interaction) -> interaction.getCode().toCode())
			.containsExactlyInAnyOrder("read", "search-type");
		assertThat(patient.getSearchParam()).extracting((param) -> param.getName())
			.containsExactlyInAnyOrder("identifier", "name", "birthdate");
		assertThat(patient.getOperation()).extracting((operation) -> operation.getName())
			.containsExactlyInAnyOrder("everything", "export");
		assertThat(statement.getRestFirstRep().getResource())
			.allSatisfy((resource) -> assertThat(resource.getSearchInclude()).isEmpty())
			.allSatisfy((resource) -> assertThat(resource.getSearchRevInclude()).isEmpty());
		assertThat(statement.getRestFirstRep().getSecurity().getDescription()).contains("Bearer");
		assertThat(statement.getPublisher()).isEqualTo("KetaCare");
	}

	private static List<String> names(Bundle bundle) {
		return bundle.getEntry()
			.stream()
			.map((entry) -> ((Patient) entry.getResource()).getNameFirstRep().getGivenAsSingleString())
			.toList();
	}

	private static List<String> ids(Bundle bundle) {
		return bundle.getEntry().stream().map((entry) -> entry.getResource().getIdElement().getIdPart()).toList();
	}

	private int fhirReads(UUID patientId) {
		return this.jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'FHIR_READ' AND patient_id = ?")
			.param(patientId)
			.query(Integer.class)
			.single();
	}

}
