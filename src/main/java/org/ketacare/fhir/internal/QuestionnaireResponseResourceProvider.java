package org.ketacare.fhir.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.ketacare.outcomes.Instruments;
import org.ketacare.outcomes.ResponseRecord;
import org.ketacare.outcomes.Responses;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.stereotype.Component;

/**
 * FHIR {@code QuestionnaireResponse}: every recorded response, corrections and the
 * responses they replaced included; read, and search by patient, questionnaire and
 * authored date, sorted by date, a page at a time. Who may read them is what the outcomes
 * module allows.
 */
@Component
public class QuestionnaireResponseResourceProvider implements IResourceProvider, PatientCompartment {

	private final Responses responses;

	private final Instruments instruments;

	private final FhirCaller caller;

	private final PatientRecords records;

	QuestionnaireResponseResourceProvider(Responses responses, Instruments instruments, FhirCaller caller,
			PatientRecords records) {
		this.records = records;
		this.responses = responses;
		this.instruments = instruments;
		this.caller = caller;
	}

	@Override
	public Class<QuestionnaireResponse> getResourceType() {
		return QuestionnaireResponse.class;
	}

	@Override
	public String resourceType() {
		return "QuestionnaireResponse";
	}

	@Override
	public List<QuestionnaireResponse> ofPatient(PatientRecord patient) {
		List<QuestionnaireResponse> oldestFirst = new ArrayList<>(
				patient.responses().stream().map(this::toFhir).toList());
		Collections.reverse(oldestFirst);
		return oldestFirst;
	}

	@Read
	public QuestionnaireResponse read(@IdParam IdType id) {
		StaffPrincipal by = this.caller.staff();
		return this.caller.read(() -> {
			ResponseRecord response = this.responses.find(by, FhirCaller.uuid(id))
				.orElseThrow(() -> FhirCaller.notFound("QuestionnaireResponse", id.getIdPart()));
			this.caller.shown(by, "QuestionnaireResponse", response.patientId(), "read");
			return toFhir(response);
		});
	}

	@Search
	public IBundleProvider search(@RequiredParam(name = QuestionnaireResponse.SP_PATIENT) ReferenceParam patient,
			@OptionalParam(name = QuestionnaireResponse.SP_QUESTIONNAIRE) ReferenceOrListParam questionnaire,
			@OptionalParam(name = QuestionnaireResponse.SP_AUTHORED) DateRangeParam authored, @Sort SortSpec sort,
			@Offset Integer offset, @Count Integer count) {
		StaffPrincipal by = this.caller.staff();
		Comparator<QuestionnaireResponse> order = Paging.byDate(sort, QuestionnaireResponse::getAuthored);
		List<String> urls = (questionnaire != null) ? urls(questionnaire) : null;
		UUID patientId = this.caller.patientOf(by, patient).orElse(null);
		if (patientId == null) {
			return Paging.page(List.of(), offset, count);
		}
		return this.caller.read(() -> {
			List<QuestionnaireResponse> found = ofPatient(this.records.of(by, patientId)).stream()
				.filter((response) -> urls == null || urls.contains(response.getQuestionnaire()))
				.filter((response) -> Paging.within(authored, response.getAuthored()))
				.sorted(order)
				.toList();
			this.caller.shown(by, "QuestionnaireResponse", patientId, "search");
			return Paging.page(found, offset, count);
		});
	}

	private QuestionnaireResponse toFhir(ResponseRecord response) {
		return QuestionnaireMapper.response(response, this.instruments.find(response.instrument()));
	}

	/**
	 * The canonical URLs a questionnaire parameter names: each value is a canonical URL
	 * (a version after {@code |} is ignored: responses name the unversioned URL) or a
	 * {@code Questionnaire/id} reference.
	 */
	private List<String> urls(ReferenceOrListParam questionnaire) {
		List<String> urls = new ArrayList<>();
		for (ReferenceParam reference : questionnaire.getValuesAsQueryTokens()) {
			if (reference.getChain() != null || reference.getMissing() != null) {
				throw new InvalidRequestException(
						"The questionnaire parameter takes a canonical URL or Questionnaire/id, without chain or modifier");
			}
			String value = reference.getValue();
			if (value.startsWith(QuestionnaireMapper.URL_PREFIX)) {
				urls.add(value.contains("|") ? value.substring(0, value.indexOf('|')) : value);
			}
			else if (reference.getResourceType() == null || "Questionnaire".equals(reference.getResourceType())) {
				this.instruments.all()
					.stream()
					.filter((instrument) -> QuestionnaireMapper.id(instrument.code()).equals(reference.getIdPart()))
					.forEach((instrument) -> urls.add(QuestionnaireMapper.url(instrument.code())));
			}
			else {
				throw new InvalidRequestException("The questionnaire parameter must name a Questionnaire");
			}
		}
		return urls;
	}

}
