package org.ketacare.fhir;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import com.jayway.jsonpath.JsonPath;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every resource type we produce, from a patient with a whole infusion visit and
 * questionnaires, validates against the base R4 specification with HAPI's validator and
 * its bundled R4 definitions (no terminology server, no network).
 */
@KetaCareIntegrationTest
class FhirValidationIT {

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
	void everyResourceWeProduceValidatesWithoutErrors() throws Exception {
		UUID patient = FhirFixtures.registered(this.mvc, this.staff, "main", "Val", FhirFixtures.uniqueFamilyName(),
				"1965-12-01");
		FhirFixtures.infusedVisit(this.mvc, this.staff,
				new InfusionFixtures(this.mvc, this.staff, this.jdbc, this.ledger, this.clock, this.protocols),
				this.clock, patient);
		answer(patient, "{\"instrument\":\"PHQ-9\",\"answers\":[1,2,0,3,1,0,2,1,0],\"timePoint\":\"baseline\"}");
		answer(patient, "{\"instrument\":\"GAD-7\",\"answers\":[1,1,1,1,1,1,1],\"timePoint\":\"baseline\"}");
		String original = answer(patient,
				"{\"instrument\":\"PHQ-9\",\"answers\":[1,1,1,1,1,1,1,1,0],\"timePoint\":\"post-induction\"}");
		answer(patient, "{\"instrument\":\"PHQ-9\",\"answers\":[1,1,1,0,1,1,1,1,0],\"timePoint\":\"post-induction\","
				+ "\"corrects\":\"" + original + "\",\"correctionReason\":\"Item 4 was entered wrongly\"}");
		answer(patient,
				"{\"instrument\":\"GAD-7\",\"answers\":[1,null,null,null,1,1,1],\"timePoint\":\"post-induction\"}");
		IGenericClient client = FhirFixtures.signedIn(this.mvc, this.port, "physician.main");

		List<IBaseResource> produced = new ArrayList<>();
		produced.add(client.capabilities().ofType(CapabilityStatement.class).execute());
		produced.add(client.read().resource(Patient.class).withId(patient.toString()).execute());
		for (String search : List.of("Patient?birthdate=1965-12-01", "Observation?patient=" + patient,
				"Encounter?patient=" + patient, "MedicationAdministration?patient=" + patient, "Questionnaire?",
				"QuestionnaireResponse?patient=" + patient, "Appointment?patient=" + patient,
				"EpisodeOfCare?patient=" + patient)) {
			Bundle bundle = client.search().byUrl(search).returnBundle(Bundle.class).execute();
			produced.add(bundle);
			bundle.getEntry().forEach((entry) -> produced.add(entry.getResource()));
		}
		produced.add(client.operation()
			.onInstance(new IdType("Patient", patient.toString()))
			.named("$everything")
			.withNoParameters(Parameters.class)
			.useHttpGet()
			.returnResourceType(Bundle.class)
			.execute());
		Observation corrected = client.read().resource(Observation.class).withId("score-" + original).execute();
		assertThat(corrected.getStatus()).isEqualTo(Observation.ObservationStatus.ENTEREDINERROR);
		produced.add(corrected);
		try {
			client.read().resource(Patient.class).withId(UUID.randomUUID().toString()).execute();
		}
		catch (ResourceNotFoundException ex) {
			produced.add(ex.getOperationOutcome());
		}

		assertThat(produced).extracting((resource) -> resource.fhirType())
			.contains("CapabilityStatement", "Patient", "Observation", "Encounter", "MedicationAdministration",
					"Questionnaire", "QuestionnaireResponse", "Appointment", "EpisodeOfCare", "OperationOutcome");
		FhirValidator validator = validator();
		assertThat(validator.validateWithResult(new Observation()).isSuccessful())
			.as("the validator finds the errors of an Observation without status and code")
			.isFalse();
		List<String> errors = new ArrayList<>();
		for (IBaseResource resource : produced) {
			for (SingleValidationMessage message : validator.validateWithResult(resource).getMessages()) {
				if (message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
					errors.add(resource.fhirType() + " " + message.getLocationString() + ": " + message.getMessage());
				}
			}
		}
		assertThat(errors).isEmpty();
	}

	private static FhirValidator validator() {
		ValidationSupportChain support = new ValidationSupportChain(
				new DefaultProfileValidationSupport(FhirFixtures.CLIENT_CONTEXT),
				new CommonCodeSystemsTerminologyService(FhirFixtures.CLIENT_CONTEXT),
				new InMemoryTerminologyServerValidationSupport(FhirFixtures.CLIENT_CONTEXT),
				new SnapshotGeneratingValidationSupport(FhirFixtures.CLIENT_CONTEXT));
		FhirValidator validator = FhirFixtures.CLIENT_CONTEXT.newValidator();
		validator.registerValidatorModule(new FhirInstanceValidator(support));
		return validator;
	}

	/** Records the response; returns its id. */
	private String answer(UUID patient, String json) throws Exception {
		String body = this.mvc
			.perform(post("/api/v1/patients/{id}/responses", patient).with(TestStaff.as(this.staff.demo("nurse.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(body, "$.id");
	}

}
