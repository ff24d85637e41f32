package org.ketacare.fhir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.BeforeEach;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code Patient/{id}/$everything} and Observation reads by id, through HAPI's client,
 * for a patient with a whole infusion visit; and XML with a DTD is refused.
 */
@KetaCareIntegrationTest
class FhirEverythingIT {

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

	UUID patient;

	IGenericClient client;

	@BeforeEach
	void aPatientWithAnInfusion() throws Exception {
		this.patient = FhirFixtures.registered(this.mvc, this.staff, "main", "Eve", FhirFixtures.uniqueFamilyName(),
				"1968-04-05");
		FhirFixtures.infusedVisit(this.mvc, this.staff,
				new InfusionFixtures(this.mvc, this.staff, this.jdbc, this.ledger, this.clock, this.protocols),
				this.clock, this.patient);
		this.client = FhirFixtures.signedIn(this.mvc, this.port, "physician.main");
	}

	@Test
	void everythingHoldsThePatientAndEveryResourceAboutThemAndIsAuditedOnce() {
		Bundle bundle = everything(this.patient.toString(), null);

		List<String> types = bundle.getEntry().stream().map((entry) -> entry.getResource().fhirType()).toList();
		assertThat(types.get(0)).isEqualTo("Patient");
		assertThat(types).contains("Encounter", "MedicationAdministration", "Observation", "Appointment",
				"EpisodeOfCare");
		assertThat(bundle.getTotal()).isEqualTo(types.size());
		assertThat(bundle.getEntry()).allSatisfy((entry) -> {
			if (!entry.getResource().fhirType().equals("Patient")) {
				// An Appointment names its patient among its participants.
				assertThat(entry.getResource().getNamedProperty("subject") != null
						|| entry.getResource().getNamedProperty("patient") != null
						|| entry.getResource().getNamedProperty("participant") != null)
					.isTrue();
			}
		});
		assertThat(FhirFixtures.fhirReads(this.jdbc, this.patient)).isEqualTo(1);
	}

	@Test
	void everythingPagesWithCountAndNextLinks() {
		Bundle first = everything(this.patient.toString(), 2);
		int total = first.getTotal();
		assertThat(first.getEntry()).hasSize(2);
		assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();

		int seen = first.getEntry().size();
		Bundle page = first;
		while (page.getLink(Bundle.LINK_NEXT) != null) {
			page = this.client.loadPage().next(page).execute();
			seen += page.getEntry().size();
		}
		assertThat(seen).isEqualTo(total);
	}

	@Test
	void anotherClinicsPatientIsNotFoundAndAnUnknownParameterIsRefused() throws Exception {
		IGenericClient north = FhirFixtures.signedIn(this.mvc, this.port, "physician.north");
		assertThatExceptionOfType(ResourceNotFoundException.class).isThrownBy(() -> north.operation()
			.onInstance(new IdType("Patient", this.patient.toString()))
			.named("$everything")
			.withNoParameters(Parameters.class)
			.useHttpGet()
			.returnResourceType(Bundle.class)
			.execute());
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> this.client.operation()
			.onInstance(new IdType("Patient", this.patient.toString()))
			.named("$everything")
			.withParameter(Parameters.class, "_since", new org.hl7.fhir.r4.model.InstantType("2020-01-01T00:00:00Z"))
			.useHttpGet()
			.returnResourceType(Bundle.class)
			.execute());
		IGenericClient therapist = FhirFixtures.signedIn(this.mvc, this.port, "therapist.main");
		assertThatExceptionOfType(ForbiddenOperationException.class).isThrownBy(() -> therapist.operation()
			.onInstance(new IdType("Patient", this.patient.toString()))
			.named("$everything")
			.withNoParameters(Parameters.class)
			.useHttpGet()
			.returnResourceType(Bundle.class)
			.execute());
		assertThat(FhirFixtures.fhirReads(this.jdbc, this.patient)).isZero();
	}

	@Test
	void observationsAreReadByTheirIds() throws Exception {
		Bundle vitals = this.client.search()
			.byUrl("Observation?patient=" + this.patient + "&category=vital-signs")
			.returnBundle(Bundle.class)
			.execute();
		assertThat(vitals.getEntry()).isNotEmpty();
		for (Bundle.BundleEntryComponent entry : vitals.getEntry()) {
			String id = entry.getResource().getIdElement().getIdPart();
			Observation read = this.client.read().resource(Observation.class).withId(id).execute();
			assertThat(read.getCode().getCodingFirstRep().getCode())
				.isEqualTo(((Observation) entry.getResource()).getCode().getCodingFirstRep().getCode());
			assertThat(read.getSubject().getReference()).isEqualTo("Patient/" + this.patient);
		}
		IGenericClient north = FhirFixtures.signedIn(this.mvc, this.port, "physician.north");
		String someId = vitals.getEntryFirstRep().getResource().getIdElement().getIdPart();
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> north.read().resource(Observation.class).withId(someId).execute());
		assertThatExceptionOfType(ResourceNotFoundException.class).isThrownBy(
				() -> this.client.read().resource(Observation.class).withId("bp-" + UUID.randomUUID()).execute());
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.client.read().resource(Observation.class).withId("nonsense").execute());
	}

	/**
	 * XML with a document type declaration (here with an external entity that would read
	 * a local file) is refused before anything in it is resolved.
	 */
	@Test
	void xmlWithADtdOrAnExternalEntityIsRefused() throws Exception {
		String withEntity = """
				<?xml version="1.0" encoding="UTF-8"?>
				<!DOCTYPE Parameters [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
				<Parameters xmlns="http://hl7.org/fhir">
				  <parameter><name value="_count"/><valueUnsignedInt value="&secret;"/></parameter>
				</Parameters>
				""";
		String dtdOnly = """
				<?xml version="1.0" encoding="UTF-8"?>
				<!doctype Parameters>
				<Parameters xmlns="http://hl7.org/fhir">
				  <parameter><name value="_count"/><valueUnsignedInt value="5"/></parameter>
				</Parameters>
				""";
		for (String xml : List.of(withEntity, dtdOnly)) {
			HttpResponse<String> response = postXml("/Patient/" + this.patient + "/$everything", xml);

			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("OperationOutcome")
				.contains("document type declaration")
				.doesNotContain("root:");
		}
		assertThat(FhirFixtures.fhirReads(this.jdbc, this.patient)).isZero();
	}

	private HttpResponse<String> postXml(String path, String xml) throws Exception {
		String token = FhirFixtures.token(this.mvc, "physician.main");
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(FhirFixtures.base(this.port) + path))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/fhir+xml")
				.POST(HttpRequest.BodyPublishers.ofString(xml))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private Bundle everything(String id, Integer count) {
		if (count == null) {
			return this.client.operation()
				.onInstance(new IdType("Patient", id))
				.named("$everything")
				.withNoParameters(Parameters.class)
				.useHttpGet()
				.returnResourceType(Bundle.class)
				.execute();
		}
		return this.client.operation()
			.onInstance(new IdType("Patient", id))
			.named("$everything")
			.withParameter(Parameters.class, "_count", new UnsignedIntType(count))
			.useHttpGet()
			.returnResourceType(Bundle.class)
			.execute();
	}

}
