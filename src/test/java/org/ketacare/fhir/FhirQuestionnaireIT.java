package org.ketacare.fhir;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import com.jayway.jsonpath.JsonPath;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@KetaCareIntegrationTest
class FhirQuestionnaireIT {

	private static final String LOINC = "http://loinc.org";

	private static final String PHQ9 = "urn:ketacare:questionnaire:PHQ-9";

	private static final String GAD7 = "urn:ketacare:questionnaire:GAD-7";

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

	UUID patient;

	IGenericClient client;

	@BeforeEach
	void aPatientAndATherapistsClient() throws Exception {
		this.patient = FhirFixtures.registered(this.mvc, this.staff, "main", "Quinn", FhirFixtures.uniqueFamilyName(),
				"1979-02-14");
		this.client = FhirFixtures.signedIn(this.mvc, this.port, "therapist.main");
	}

	@Test
	void aQuestionnaireCarriesTheInstrumentsItemsAndAnswerCodes() {
		Questionnaire phq9 = this.client.read().resource(Questionnaire.class).withId("phq-9").execute();

		assertThat(phq9.getUrl()).isEqualTo(PHQ9);
		assertThat(phq9.getVersion()).isNotBlank();
		assertThat(phq9.getTitle()).isEqualTo("Patient Health Questionnaire-9");
		assertThat(phq9.getStatus().toCode()).isEqualTo("active");
		assertThat(phq9.getCodeFirstRep().getSystem()).isEqualTo(LOINC);
		assertThat(phq9.getCodeFirstRep().getCode()).isEqualTo("44249-1");
		assertThat(phq9.getItem()).hasSize(10);
		assertThat(phq9.getItemFirstRep().getType()).isEqualTo(Questionnaire.QuestionnaireItemType.DISPLAY);
		QuestionnaireItemComponent first = phq9.getItem().get(1);
		assertThat(first.getLinkId()).isEqualTo("1");
		assertThat(first.getText()).isEqualTo("Little interest or pleasure in doing things");
		assertThat(first.getType()).isEqualTo(Questionnaire.QuestionnaireItemType.CHOICE);
		assertThat(first.getCodeFirstRep().getCode()).isEqualTo("44250-9");
		assertThat(first.getAnswerOption()).extracting((option) -> option.getValueCoding().getCode())
			.containsExactly("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9");
		Coding nearlyEveryDay = first.getAnswerOption().get(3).getValueCoding();
		assertThat(nearlyEveryDay.getSystem()).isEqualTo(LOINC);
		assertThat(nearlyEveryDay.getDisplay()).isEqualTo("Nearly every day");
		assertThat(
				((DecimalType) nearlyEveryDay.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/ordinalValue")
					.getValue()).getValue().intValue())
			.isEqualTo(3);
	}

	@Test
	void aScreenersSkipRuleIsEnableWhenAndItsAnswersUseOurCodeSystem() {
		Questionnaire screener = this.client.read().resource(Questionnaire.class).withId("c-ssrs").execute();

		QuestionnaireItemComponent third = screener.getItem()
			.stream()
			.filter((item) -> item.getLinkId().equals("3"))
			.findFirst()
			.orElseThrow();
		assertThat(third.getEnableWhen()).hasSize(1);
		assertThat(third.getEnableWhenFirstRep().getQuestion()).isEqualTo("2");
		assertThat(third.getEnableWhenFirstRep().getAnswerCoding().getDisplay()).isEqualTo("Yes");
		assertThat(third.getAnswerOptionFirstRep().getValueCoding().getSystem())
			.isEqualTo("urn:ketacare:instrument:C-SSRS:answers");
	}

	@Test
	void questionnairesAreSearchedByIdUrlNameTitleAndCode() {
		assertThat(questionnaires("")).contains("phq-9", "gad-7", "c-ssrs", "cadss-6", "madrs", "qids-sr16");
		assertThat(questionnaires("?url=" + GAD7)).containsExactly("gad-7");
		assertThat(questionnaires("?_id=madrs,cadss-6")).containsExactlyInAnyOrder("madrs", "cadss-6");
		assertThat(questionnaires("?name=phq")).containsExactly("phq-9");
		assertThat(questionnaires("?title:contains=Suicide")).containsExactly("c-ssrs");
		assertThat(questionnaires("?code=" + LOINC + "|44249-1")).containsExactly("phq-9");
		assertThat(questionnaires("?url=urn:ketacare:questionnaire:NONE")).isEmpty();
		Bundle page = this.client.search().byUrl("Questionnaire?_count=2").returnBundle(Bundle.class).execute();
		assertThat(page.getEntry()).hasSize(2);
		assertThat(page.getLink(Bundle.LINK_NEXT)).isNotNull();
	}

	@Test
	void anUnknownQuestionnaireIsNotFoundAndUnsupportedParametersAreBadRequests() {
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.client.read().resource(Questionnaire.class).withId("nope-1").execute());
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> questionnaires("?publisher=x"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> questionnaires("?url:below=urn:ketacare"));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> questionnaires("?code:text=phq"));
	}

	@Test
	void responsesAreReadWithTheirAnswersAndAuditedOncePerRead() throws Exception {
		Instant answeredAt = this.clock.instant().minus(Duration.ofDays(3));
		UUID phq9 = answer("{\"instrument\":\"PHQ-9\",\"answers\":[1,2,0,3,1,0,2,1,0],\"timePoint\":\"baseline\","
				+ "\"answeredAt\":\"" + answeredAt + "\"}");
		int before = FhirFixtures.fhirReads(this.jdbc, this.patient);

		QuestionnaireResponse response = this.client.read()
			.resource(QuestionnaireResponse.class)
			.withId(phq9.toString())
			.execute();

		assertThat(FhirFixtures.fhirReads(this.jdbc, this.patient)).isEqualTo(before + 1);
		assertThat(response.getQuestionnaire()).isEqualTo(PHQ9);
		assertThat(response.getStatus()).isEqualTo(QuestionnaireResponseStatus.COMPLETED);
		assertThat(response.getSubject().getReference()).isEqualTo("Patient/" + this.patient);
		assertThat(response.getAuthored().toInstant())
			.isEqualTo(answeredAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
		assertThat(response.getSource().getReference()).isEqualTo("Patient/" + this.patient);
		assertThat(response.getAuthor().getDisplay()).isNotBlank();
		assertThat(response.getItem()).hasSize(9);
		assertThat(response.getItem().get(3).getLinkId()).isEqualTo("4");
		Coding fourth = response.getItem().get(3).getAnswerFirstRep().getValueCoding();
		assertThat(fourth.getSystem()).isEqualTo(LOINC);
		assertThat(fourth.getCode()).isEqualTo("LA6571-9");
	}

	@Test
	void anIncompleteResponseIsInProgressAndLeavesOutTheUnansweredItems() throws Exception {
		UUID incomplete = answer(
				"{\"instrument\":\"GAD-7\",\"answers\":[1,null,null,null,1,1,1],\"timePoint\":\"baseline\"}");

		QuestionnaireResponse response = this.client.read()
			.resource(QuestionnaireResponse.class)
			.withId(incomplete.toString())
			.execute();

		assertThat(response.getStatus()).isEqualTo(QuestionnaireResponseStatus.INPROGRESS);
		assertThat(response.getItem()).extracting(QuestionnaireResponse.QuestionnaireResponseItemComponent::getLinkId)
			.containsExactly("1", "5", "6", "7");
	}

	@Test
	void aCorrectionIsItsOwnResponseAndTheOriginalIsEnteredInError() throws Exception {
		UUID original = answer("{\"instrument\":\"PHQ-9\",\"answers\":[1,2,0,3,1,0,2,1,0],\"timePoint\":\"baseline\"}");
		UUID correction = answer("{\"instrument\":\"PHQ-9\",\"answers\":[1,2,0,2,1,0,2,1,0],\"timePoint\":\"baseline\","
				+ "\"corrects\":\"" + original + "\",\"correctionReason\":\"Item 4 was entered wrongly\"}");

		assertThat(this.client.read()
			.resource(QuestionnaireResponse.class)
			.withId(original.toString())
			.execute()
			.getStatus()).isEqualTo(QuestionnaireResponseStatus.ENTEREDINERROR);
		QuestionnaireResponse corrected = this.client.read()
			.resource(QuestionnaireResponse.class)
			.withId(correction.toString())
			.execute();
		assertThat(corrected.getStatus()).isEqualTo(QuestionnaireResponseStatus.COMPLETED);
		assertThat(corrected.getItem().get(3).getAnswerFirstRep().getValueCoding().getCode()).isEqualTo("LA6570-1");
		assertThat(responses("")).hasSize(2);
	}

	@Test
	void responsesAreSearchedByPatientQuestionnaireAndAuthoredDateAPageAtATime() throws Exception {
		Instant now = this.clock.instant();
		UUID old = answer("{\"instrument\":\"PHQ-9\",\"answers\":[1,2,0,3,1,0,2,1,0],\"timePoint\":\"baseline\","
				+ "\"answeredAt\":\"" + now.minus(Duration.ofDays(20)) + "\"}");
		UUID recent = answer(
				"{\"instrument\":\"PHQ-9\",\"answers\":[0,1,0,1,0,0,1,0,0],\"timePoint\":\"post-induction\"}");
		UUID anxiety = answer("{\"instrument\":\"GAD-7\",\"answers\":[1,1,1,1,1,1,1],\"timePoint\":\"baseline\","
				+ "\"answeredAt\":\"" + now.minus(Duration.ofDays(10)) + "\"}");
		int before = FhirFixtures.fhirReads(this.jdbc, this.patient);

		assertThat(responses("")).containsExactly(old, anxiety, recent);
		assertThat(responses("&_sort=-date")).containsExactly(recent, anxiety, old);
		assertThat(responses("&questionnaire=" + PHQ9)).containsExactly(old, recent);
		assertThat(responses("&questionnaire=Questionnaire/gad-7")).containsExactly(anxiety);
		assertThat(ids(this.client.search()
			.forResource(QuestionnaireResponse.class)
			.where(QuestionnaireResponse.PATIENT.hasId(this.patient.toString()))
			.and(QuestionnaireResponse.AUTHORED.afterOrEquals().second(Date.from(now.minus(Duration.ofDays(15)))))
			.and(QuestionnaireResponse.AUTHORED.beforeOrEquals().second(Date.from(now.minus(Duration.ofDays(5)))))
			.returnBundle(Bundle.class)
			.execute())).containsExactly(anxiety);
		assertThat(FhirFixtures.fhirReads(this.jdbc, this.patient)).isEqualTo(before + 5);

		Bundle page = search("&_count=1");
		assertThat(ids(page)).containsExactly(old);
		assertThat(page.getTotal()).isEqualTo(3);
		Bundle second = this.client.loadPage().next(page).execute();
		assertThat(ids(second)).containsExactly(anxiety);
		Bundle third = this.client.loadPage().next(second).execute();
		assertThat(ids(third)).containsExactly(recent);
		assertThat(third.getLink(Bundle.LINK_NEXT)).isNull();
	}

	@Test
	void everythingAboutThePatientHoldsTheirResponses() throws Exception {
		UUID response = answer("{\"instrument\":\"GAD-7\",\"answers\":[1,1,1,1,1,1,1],\"timePoint\":\"baseline\"}");
		IGenericClient physician = FhirFixtures.signedIn(this.mvc, this.port, "physician.main");

		Bundle everything = physician.operation()
			.onInstance(new IdType("Patient", this.patient.toString()))
			.named("$everything")
			.withNoParameters(Parameters.class)
			.useHttpGet()
			.returnResourceType(Bundle.class)
			.execute();

		assertThat(everything.getEntry()).filteredOn((entry) -> entry.getResource() instanceof QuestionnaireResponse)
			.extracting((entry) -> entry.getResource().getIdElement().getIdPart())
			.containsExactly(response.toString());
	}

	@Test
	void unsupportedResponseSearchesAreBadRequests() throws Exception {
		answer("{\"instrument\":\"GAD-7\",\"answers\":[1,1,1,1,1,1,1],\"timePoint\":\"baseline\"}");
		int before = FhirFixtures.fhirReads(this.jdbc, this.patient);

		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> search("&status=completed"));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> search("&_sort=authored"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> search("&questionnaire=Observation/phq-9"));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> this.client.search()
			.byUrl("QuestionnaireResponse?questionnaire=" + PHQ9)
			.returnBundle(Bundle.class)
			.execute());
		assertThat(FhirFixtures.fhirReads(this.jdbc, this.patient)).isEqualTo(before);
	}

	@Test
	void anotherClinicSeesNoneOfThem() throws Exception {
		UUID response = answer("{\"instrument\":\"GAD-7\",\"answers\":[1,1,1,1,1,1,1],\"timePoint\":\"baseline\"}");
		IGenericClient north = FhirFixtures.signedIn(this.mvc, this.port, "therapist.north");
		int before = FhirFixtures.fhirReads(this.jdbc, this.patient);

		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> north.read().resource(QuestionnaireResponse.class).withId(response.toString()).execute());
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.client.read().resource(QuestionnaireResponse.class).withId("not-a-uuid").execute());
		assertThat(north.search()
			.byUrl("QuestionnaireResponse?patient=Patient/" + this.patient)
			.returnBundle(Bundle.class)
			.execute()
			.getEntry()).isEmpty();
		assertThat(FhirFixtures.fhirReads(this.jdbc, this.patient)).isEqualTo(before);
	}

	@Test
	void aRoleThatReadsNoAnswersIsRefusedAndLeavesNoAuditRow() throws Exception {
		UUID response = answer("{\"instrument\":\"GAD-7\",\"answers\":[1,1,1,1,1,1,1],\"timePoint\":\"baseline\"}");
		IGenericClient admin = FhirFixtures.signedIn(this.mvc, this.port, "admin.main");
		int before = FhirFixtures.fhirReads(this.jdbc, this.patient);

		assertThatExceptionOfType(ForbiddenOperationException.class)
			.isThrownBy(() -> admin.read().resource(QuestionnaireResponse.class).withId(response.toString()).execute());
		assertThatExceptionOfType(ForbiddenOperationException.class).isThrownBy(() -> admin.search()
			.byUrl("QuestionnaireResponse?patient=" + this.patient)
			.returnBundle(Bundle.class)
			.execute());
		assertThatExceptionOfType(ForbiddenOperationException.class).isThrownBy(() -> admin.search()
			.byUrl("Observation?patient=" + this.patient + "&category=survey")
			.returnBundle(Bundle.class)
			.execute());
		assertThat(FhirFixtures.fhirReads(this.jdbc, this.patient)).isEqualTo(before);
		assertThat(admin.read().resource(Questionnaire.class).withId("gad-7").execute().getItem()).hasSize(8);
	}

	@Test
	void responsesConformToTheirQuestionnaires() throws Exception {
		List<UUID> recorded = List.of(
				answer("{\"instrument\":\"PHQ-9\",\"answers\":[1,2,0,3,1,0,2,1,0],\"timePoint\":\"baseline\"}"),
				answer("{\"instrument\":\"C-SSRS\",\"answers\":[1,0,null,null,null,0,null],\"timePoint\":\"baseline\"}"),
				answer("{\"instrument\":\"GAD-7\",\"answers\":[1,null,null,null,1,1,1],\"timePoint\":\"baseline\"}"),
				answer("{\"instrument\":\"MADRS\",\"answers\":[2,2,2,2,2,2,2,2,2,0],\"timePoint\":\"baseline\"}"));
		List<Questionnaire> questionnaires = this.client.search()
			.forResource(Questionnaire.class)
			.returnBundle(Bundle.class)
			.execute()
			.getEntry()
			.stream()
			.map((entry) -> (Questionnaire) entry.getResource())
			.toList();
		FhirValidator validator = validatorKnowing(questionnaires);

		for (UUID id : recorded) {
			QuestionnaireResponse response = this.client.read()
				.resource(QuestionnaireResponse.class)
				.withId(id.toString())
				.execute();
			assertThat(messages(validator, response, ResultSeverityEnum.WARNING)).as(response.getQuestionnaire())
				.noneMatch((message) -> message.contains("could not be resolved"));
			assertThat(messages(validator, response, ResultSeverityEnum.ERROR)).as(response.getQuestionnaire())
				.isEmpty();
		}
		QuestionnaireResponse wrong = this.client.read()
			.resource(QuestionnaireResponse.class)
			.withId(recorded.get(0).toString())
			.execute();
		wrong.getItemFirstRep().setLinkId("99");
		assertThat(messages(validator, wrong, ResultSeverityEnum.ERROR))
			.as("an item its questionnaire does not have is an error")
			.isNotEmpty();
	}

	@Test
	void theCapabilityStatementListsTheSearchParameters() {
		CapabilityStatement statement = this.client.capabilities().ofType(CapabilityStatement.class).execute();

		assertThat(searchParameters(statement, "Questionnaire")).containsExactlyInAnyOrder("_id", "url", "name",
				"title", "code");
		assertThat(searchParameters(statement, "QuestionnaireResponse")).containsExactlyInAnyOrder("patient",
				"questionnaire", "authored");
	}

	private static List<String> searchParameters(CapabilityStatement statement, String type) {
		return statement.getRestFirstRep()
			.getResource()
			.stream()
			.filter((resource) -> resource.getType().equals(type))
			.flatMap((resource) -> resource.getSearchParam().stream())
			.map((param) -> param.getName())
			.toList();
	}

	@Test
	void questionnairesNeedASignedInCaller() {
		assertThatExceptionOfType(ca.uhn.fhir.rest.server.exceptions.AuthenticationException.class).isThrownBy(
				() -> FhirFixtures.anonymous(this.port).read().resource(Questionnaire.class).withId("phq-9").execute());
	}

	/**
	 * HAPI's validator with the base R4 definitions and our Questionnaires, so that a
	 * response is checked against its questionnaire's items and answer options.
	 */
	private static FhirValidator validatorKnowing(List<Questionnaire> questionnaires) {
		FhirContext context = FhirFixtures.CLIENT_CONTEXT;
		IValidationSupport ours = new IValidationSupport() {

			@Override
			public FhirContext getFhirContext() {
				return context;
			}

			@Override
			@SuppressWarnings("unchecked")
			public <T extends IBaseResource> T fetchResource(Class<T> type, String url) {
				return questionnaires.stream()
					.filter((questionnaire) -> questionnaire.getUrl().equals(url)
							&& (type == null || type.isInstance(questionnaire)))
					.map((questionnaire) -> (T) questionnaire)
					.findFirst()
					.orElse(null);
			}

		};
		ValidationSupportChain support = new ValidationSupportChain(ours, new DefaultProfileValidationSupport(context),
				new CommonCodeSystemsTerminologyService(context),
				new InMemoryTerminologyServerValidationSupport(context),
				new SnapshotGeneratingValidationSupport(context));
		FhirValidator validator = context.newValidator();
		validator.registerValidatorModule(new FhirInstanceValidator(support));
		return validator;
	}

	private static List<String> messages(FhirValidator validator, IBaseResource resource, ResultSeverityEnum severity) {
		return validator.validateWithResult(resource)
			.getMessages()
			.stream()
			.filter((message) -> message.getSeverity() == severity)
			.map((message) -> message.getLocationString() + ": " + message.getMessage())
			.toList();
	}

	private List<String> questionnaires(String query) {
		return this.client.search()
			.byUrl("Questionnaire" + query)
			.returnBundle(Bundle.class)
			.execute()
			.getEntry()
			.stream()
			.map((entry) -> entry.getResource().getIdElement().getIdPart())
			.toList();
	}

	private Bundle search(String more) {
		return this.client.search()
			.byUrl("QuestionnaireResponse?patient=" + this.patient + more)
			.returnBundle(Bundle.class)
			.execute();
	}

	private List<UUID> responses(String more) {
		return ids(search(more));
	}

	private static List<UUID> ids(Bundle bundle) {
		return bundle.getEntry()
			.stream()
			.map((entry) -> UUID.fromString(entry.getResource().getIdElement().getIdPart()))
			.toList();
	}

	private UUID answer(String json) throws Exception {
		String body = this.mvc
			.perform(post("/api/v1/patients/{id}/responses", this.patient)
				.with(TestStaff.as(this.staff.demo("nurse.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return UUID.fromString(JsonPath.read(body, "$.id"));
	}

}
