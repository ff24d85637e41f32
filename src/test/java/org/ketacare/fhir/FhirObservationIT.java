package org.ketacare.fhir;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.course.Protocols;
import org.ketacare.infusion.InfusionFixtures;
import org.ketacare.ledger.Ledger;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@KetaCareIntegrationTest
class FhirObservationIT {

	private static final String LOINC = "http://loinc.org";

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

	UUID visit;

	IGenericClient client;

	@BeforeEach
	void aPatientWithOneVisitTwoSetsOfVitalsAndTwoQuestionnaires() throws Exception {
		this.patient = FhirFixtures.registered(this.mvc, this.staff, "main", "Jo", FhirFixtures.uniqueFamilyName(),
				"1982-04-05");
		this.visit = FhirFixtures.visitWithVitals(this.mvc, this.staff,
				new InfusionFixtures(this.mvc, this.staff, this.jdbc, this.ledger, this.clock, this.protocols),
				this.patient, 2);
		answer("{\"instrument\":\"PHQ-9\",\"answers\":[1,2,0,3,1,0,2,1,0],\"timePoint\":\"baseline\"}");
		answer("{\"instrument\":\"GAD-7\",\"answers\":[1,1,1,1,1,1,1],\"timePoint\":\"baseline\"}");
		this.client = FhirFixtures.signedIn(this.mvc, this.port, "nurse.main");
	}

	@Test
	void allOfAPatientsObservationsAndOneAuditRowForTheSearch() {
		int before = FhirFixtures.fhirReads(this.jdbc, this.patient);

		assertThat(search("").getTotal()).isEqualTo(1 + 2 * 4 + 2);
		assertThat(search("&category=vital-signs").getTotal()).isEqualTo(9);
		assertThat(search("&category=http://terminology.hl7.org/CodeSystem/observation-category|survey").getTotal())
			.isEqualTo(2);
		assertThat(FhirFixtures.fhirReads(this.jdbc, this.patient)).isEqualTo(before + 3);
	}

	@Test
	void vitalSignsCarryLoincCodesAndUcumUnits() {
		Bundle pressure = this.client.search()
			.forResource(Observation.class)
			.where(Observation.PATIENT.hasId(this.patient.toString()))
			.and(Observation.CODE.exactly().systemAndCode(LOINC, "85354-9"))
			.returnBundle(Bundle.class)
			.execute();
		assertThat(pressure.getEntry()).hasSize(2);
		Observation panel = (Observation) pressure.getEntryFirstRep().getResource();
		assertThat(panel.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs");
		assertThat(panel.getComponent()).extracting((component) -> component.getCode().getCodingFirstRep().getCode())
			.containsExactly("8480-6", "8462-4");
		Quantity systolic = panel.getComponentFirstRep().getValueQuantity();
		assertThat(systolic.getValue().intValue()).isEqualTo(128);
		assertThat(systolic.getSystem()).isEqualTo("http://unitsofmeasure.org");
		assertThat(systolic.getCode()).isEqualTo("mm[Hg]");
		assertThat(panel.getEncounter().getReference()).startsWith("Encounter/");

		Observation heartRate = only("&code=" + LOINC + "|8867-4", 2);
		assertThat(heartRate.getValueQuantity().getValue().intValue()).isEqualTo(72);
		assertThat(heartRate.getValueQuantity().getCode()).isEqualTo("/min");
		assertThat(only("&code=59408-5", 2).getValueQuantity().getCode()).isEqualTo("%");
		assertThat(only("&code=9279-1", 2).getValueQuantity().getValue().intValue()).isEqualTo(14);
		Observation weight = only("&code=29463-7", 1);
		assertThat(weight.getValueQuantity().getValue().intValue()).isEqualTo(80);
		assertThat(weight.getValueQuantity().getCode()).isEqualTo("kg");
	}

	@Test
	void questionnaireTotalsCarryTheirLoincCodes() {
		Observation phq9 = only("&code=" + LOINC + "|44261-6", 1);
		assertThat(phq9.getValueQuantity().getValue().intValue()).isEqualTo(10);
		assertThat(phq9.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("survey");
		assertThat(only("&code=70274-6", 1).getValueQuantity().getValue().intValue()).isEqualTo(7);
	}

	@Test
	void anAmendedVitalSignIsSharedAsCorrectedAndMarkedAmended() throws Exception {
		Observation heartRate = only("&code=8867-4&_sort=date", 2);
		String vitalsId = heartRate.getIdElement().getIdPart().substring("hr-".length());
		this.mvc
			.perform(post("/api/v1/visits/{id}/amendments", this.visit)
				.with(TestStaff.as(this.staff.demo("nurse.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"target\": \"vitals\", \"targetId\": \"" + vitalsId
						+ "\", \"field\": \"heartRate\", \"value\": \"64\", \"reason\": \"Misread the monitor\"}"))
			.andExpect(status().isCreated());

		Observation corrected = this.client.read().resource(Observation.class).withId("hr-" + vitalsId).execute();
		Observation pressure = this.client.read().resource(Observation.class).withId("bp-" + vitalsId).execute();

		assertThat(corrected.getValueQuantity().getValue().intValue()).isEqualTo(64);
		assertThat(corrected.getStatus()).isEqualTo(Observation.ObservationStatus.AMENDED);
		assertThat(pressure.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
		assertThat(search("&code=8867-4&_sort=date").getEntry())
			.extracting((entry) -> ((Observation) entry.getResource()).getValueQuantity().getValue().intValue())
			.containsExactlyInAnyOrder(64, 72);
		this.mvc.perform(get("/visits/{id}", this.visit).with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<td>64</td>")))
			.andExpect(content().string(containsString("amended")));
	}

	@Test
	void aQuestionnaireTotalIsReadByItsId() {
		Observation searched = only("&code=" + LOINC + "|44261-6", 1);

		Observation read = this.client.read()
			.resource(Observation.class)
			.withId(searched.getIdElement().getIdPart())
			.execute();

		assertThat(read.getValueQuantity().getValue().intValue()).isEqualTo(10);
		assertThat(read.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
		assertThat(read.getSubject().getReference()).isEqualTo("Patient/" + this.patient);
	}

	@Test
	void searchesByDateAndSortsNewestFirst() {
		Instant now = this.clock.instant();
		assertThat(this.client.search()
			.forResource(Observation.class)
			.where(Observation.PATIENT.hasId(this.patient.toString()))
			.and(Observation.DATE.afterOrEquals().second(Date.from(now.plus(Duration.ofDays(1)))))
			.returnBundle(Bundle.class)
			.execute()
			.getEntry()).isEmpty();
		assertThat(this.client.search()
			.forResource(Observation.class)
			.where(Observation.PATIENT.hasId(this.patient.toString()))
			.and(Observation.DATE.afterOrEquals().second(Date.from(now.minus(Duration.ofDays(1)))))
			.returnBundle(Bundle.class)
			.execute()
			.getTotal()).isEqualTo(11);
		List<Date> newestFirst = effective(search("&_sort=-date"));
		assertThat(newestFirst).isSortedAccordingTo((a, b) -> b.compareTo(a));
		assertThat(effective(search("&_sort=date"))).isSorted();
	}

	@Test
	void pagesWithCountAndNextLinks() {
		Bundle page = search("&_count=4");
		assertThat(page.getEntry()).hasSize(4);
		assertThat(page.getLink(Bundle.LINK_NEXT)).isNotNull();
		Bundle second = this.client.loadPage().next(page).execute();
		assertThat(second.getEntry()).hasSize(4);
		Bundle third = this.client.loadPage().next(second).execute();
		assertThat(third.getEntry()).hasSize(3);
		assertThat(third.getLink(Bundle.LINK_NEXT)).isNull();
	}

	@Test
	void unsupportedOrMissingParametersAreBadRequests() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> search("&value-quantity=gt100"));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> search("&_sort=code"));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> this.client.search()
			.forResource(Observation.class)
			.where(new TokenClientParam("category").exactly().code("vital-signs"))
			.returnBundle(Bundle.class)
			.execute());
	}

	@Test
	void anotherClinicSeesNone() throws Exception {
		IGenericClient north = FhirFixtures.signedIn(this.mvc, this.port, "nurse.north");

		assertThat(north.search()
			.byUrl("Observation?patient=Patient/" + this.patient)
			.returnBundle(Bundle.class)
			.execute()
			.getEntry()).isEmpty();
	}

	private Bundle search(String more) {
		return this.client.search()
			.byUrl("Observation?patient=" + this.patient + more)
			.returnBundle(Bundle.class)
			.execute();
	}

	private Observation only(String more, int expected) {
		Bundle bundle = search(more);
		assertThat(bundle.getEntry()).hasSize(expected);
		return (Observation) bundle.getEntryFirstRep().getResource();
	}

	private static List<Date> effective(Bundle bundle) {
		return bundle.getEntry()
			.stream()
			.map((entry) -> ((Observation) entry.getResource()).getEffectiveDateTimeType().getValue())
			.toList();
	}

	private void answer(String json) throws Exception {
		this.mvc
			.perform(post("/api/v1/patients/{id}/responses", this.patient)
				.with(TestStaff.as(this.staff.demo("nurse.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isCreated());
	}

}
