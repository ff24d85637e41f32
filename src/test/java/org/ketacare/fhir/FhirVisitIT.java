package org.ketacare.fhir;

import java.time.Clock;
import java.util.UUID;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
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

@KetaCareIntegrationTest
class FhirVisitIT {

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
	void aPatientWhoseInfusionEndedAnHourAgo() throws Exception {
		this.patient = FhirFixtures.registered(this.mvc, this.staff, "main", "Lee", FhirFixtures.uniqueFamilyName(),
				"1970-09-10");
		this.visit = FhirFixtures.infusedVisit(this.mvc, this.staff,
				new InfusionFixtures(this.mvc, this.staff, this.jdbc, this.ledger, this.clock, this.protocols),
				this.clock, this.patient);
		this.client = FhirFixtures.signedIn(this.mvc, this.port, "physician.main");
	}

	@Test
	void theVisitIsAnAmbulatoryEncounter() {
		Bundle bundle = this.client.search()
			.byUrl("Encounter?patient=" + this.patient)
			.returnBundle(Bundle.class)
			.execute();
		assertThat(bundle.getEntry()).hasSize(1);
		Encounter encounter = this.client.read().resource(Encounter.class).withId(this.visit.toString()).execute();
		assertThat(encounter.getClass_().getCode()).isEqualTo("AMB");
		assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
		assertThat(encounter.getSubject().getReference()).isEqualTo("Patient/" + this.patient);
		assertThat(encounter.getAppointmentFirstRep().getReference()).startsWith("Appointment/");
		assertThat(encounter.getEpisodeOfCareFirstRep().getReference()).startsWith("EpisodeOfCare/");
		assertThat(bundle.getEntry().get(0).getResource()).isInstanceOfSatisfying(Encounter.class,
				(found) -> assertThat(found.getEpisodeOfCareFirstRep().getReference())
					.isEqualTo(encounter.getEpisodeOfCareFirstRep().getReference()));
		assertThat(encounter.getPeriod().getStart()).isNotNull();
		assertThat(this.client.search()
			.byUrl("Encounter?patient=" + this.patient + "&date=gt2100-01-01")
			.returnBundle(Bundle.class)
			.execute()
			.getEntry()).isEmpty();
		String twoDaysAgo = this.clock.instant().minus(java.time.Duration.ofDays(2)).toString().substring(0, 10);
		assertThat(this.client.search()
			.byUrl("Encounter?patient=" + this.patient + "&date=ge" + twoDaysAgo + "&_sort=-date")
			.returnBundle(Bundle.class)
			.execute()
			.getEntry()).hasSize(1);
	}

	@Test
	void theInfusionIsAMedicationAdministrationOfKetamine() {
		Bundle bundle = this.client.search()
			.byUrl("MedicationAdministration?patient=Patient/" + this.patient)
			.returnBundle(Bundle.class)
			.execute();
		assertThat(bundle.getEntry()).hasSize(1);
		MedicationAdministration administration = this.client.read()
			.resource(MedicationAdministration.class)
			.withId(this.visit.toString())
			.execute();
		assertThat(administration.getStatus())
			.isEqualTo(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		Medication ketamine = (Medication) administration.getContained().get(0);
		assertThat(ketamine.getCode().getCodingFirstRep().getSystem())
			.isEqualTo("http://www.nlm.nih.gov/research/umls/rxnorm");
		assertThat(ketamine.getCode().getCodingFirstRep().getCode()).isEqualTo("6130");
		assertThat(ketamine.getBatch().getLotNumber()).isEqualTo("L0");
		MedicationAdministration.MedicationAdministrationDosageComponent dosage = administration.getDosage();
		assertThat(dosage.getDose().getValue().intValue()).isEqualTo(40);
		assertThat(dosage.getDose().getCode()).isEqualTo("mg");
		assertThat(dosage.getRateQuantity().getValue().intValue()).isEqualTo(60);
		assertThat(dosage.getRoute().getCodingFirstRep().getCode()).isEqualTo("47625008");
		assertThat(administration.getContext().getReference()).isEqualTo("Encounter/" + this.visit);
		assertThat(administration.getEffectivePeriod().getStart())
			.isBefore(administration.getEffectivePeriod().getEnd());
		assertThat(administration.getPerformerFirstRep().getActor().getDisplay()).isNotBlank();
	}

	@Test
	void anotherClinicFindsNeitherAndTheTherapistMayNotSeeTheChart() throws Exception {
		IGenericClient north = FhirFixtures.signedIn(this.mvc, this.port, "physician.north");
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> north.read().resource(Encounter.class).withId(this.visit.toString()).execute());
		assertThatExceptionOfType(ResourceNotFoundException.class).isThrownBy(
				() -> north.read().resource(MedicationAdministration.class).withId(this.visit.toString()).execute());
		IGenericClient therapist = FhirFixtures.signedIn(this.mvc, this.port, "therapist.main");
		assertThatExceptionOfType(ForbiddenOperationException.class)
			.isThrownBy(() -> therapist.read().resource(Encounter.class).withId(this.visit.toString()).execute());
	}

}
