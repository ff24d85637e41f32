package org.ketacare.fhir.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.BaseParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriOrListParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.ketacare.outcomes.Instruments;

import org.springframework.stereotype.Component;

/**
 * FHIR {@code Questionnaire}: one per instrument this installation knows, the same for
 * every clinic; read by id, and searched by id, canonical URL, name, title and code. No
 * patient data, so no audit row; the caller must still be signed in.
 */
@Component
public class QuestionnaireResourceProvider implements IResourceProvider {

	private final Instruments instruments;

	private final FhirCaller caller;

	QuestionnaireResourceProvider(Instruments instruments, FhirCaller caller) {
		this.instruments = instruments;
		this.caller = caller;
	}

	@Override
	public Class<Questionnaire> getResourceType() {
		return Questionnaire.class;
	}

	@Read
	public Questionnaire read(@IdParam IdType id) {
		this.caller.staff();
		return all().stream()
			.filter((questionnaire) -> questionnaire.getIdElement().getIdPart().equals(id.getIdPart()))
			.findFirst()
			.orElseThrow(() -> FhirCaller.notFound("Questionnaire", id.getIdPart()));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam ids,
			@OptionalParam(name = Questionnaire.SP_URL) UriOrListParam urls,
			@OptionalParam(name = Questionnaire.SP_NAME) StringParam name,
			@OptionalParam(name = Questionnaire.SP_TITLE) StringParam title,
			@OptionalParam(name = Questionnaire.SP_CODE) TokenOrListParam codes, @Offset Integer offset,
			@Count Integer count) {
		this.caller.staff();
		Predicate<Questionnaire> wanted = (questionnaire) -> true;
		if (ids != null) {
			List<TokenParam> tokens = tokens(ids, IAnyResource.SP_RES_ID);
			wanted = wanted.and((questionnaire) -> tokens.stream()
				.anyMatch((token) -> token.getSystem() == null
						&& token.getValue().equals(questionnaire.getIdElement().getIdPart())));
		}
		if (urls != null) {
			List<UriParam> values = urls.getValuesAsQueryTokens();
			values.forEach((url) -> unmodified(url, url.getQualifier() == null, Questionnaire.SP_URL));
			wanted = wanted.and((questionnaire) -> values.stream()
				.anyMatch((url) -> url.getValue().equals(questionnaire.getUrl())));
		}
		if (name != null) {
			unmodified(name, !name.isText(), Questionnaire.SP_NAME);
			wanted = wanted.and((questionnaire) -> matches(name, questionnaire.getName()));
		}
		if (title != null) {
			unmodified(title, !title.isText(), Questionnaire.SP_TITLE);
			wanted = wanted.and((questionnaire) -> matches(title, questionnaire.getTitle()));
		}
		if (codes != null) {
			List<TokenParam> tokens = tokens(codes, Questionnaire.SP_CODE);
			wanted = wanted.and((questionnaire) -> tokens.stream()
				.anyMatch((token) -> questionnaire.getCode().stream().anyMatch((coding) -> matches(token, coding))));
		}
		return Paging.page(all().stream().filter(wanted).toList(), offset, count);
	}

	private List<Questionnaire> all() {
		return this.instruments.all().stream().map(QuestionnaireMapper::questionnaire).toList();
	}

	private static List<TokenParam> tokens(TokenOrListParam tokens, String parameter) {
		for (TokenParam token : tokens.getValuesAsQueryTokens()) {
			unmodified(token, token.getModifier() == null, parameter);
		}
		return tokens.getValuesAsQueryTokens();
	}

	private static boolean matches(TokenParam token, Coding coding) {
		return (token.getSystem() == null || token.getSystem().equals(coding.getSystem()))
				&& token.getValue().equals(coding.getCode());
	}

	/**
	 * A string search as FHIR defines it: by default the value starts with the text,
	 * ignoring case; {@code :exact} matches exactly, {@code :contains} anywhere.
	 */
	private static boolean matches(StringParam text, String value) {
		if (text.isExact()) {
			return text.getValue().equals(value);
		}
		String wanted = text.getValue().toLowerCase(Locale.ROOT);
		String lower = value.toLowerCase(Locale.ROOT);
		return text.isContains() ? lower.contains(wanted) : lower.startsWith(wanted);
	}

	private static void unmodified(BaseParam param, boolean noUnsupportedModifier, String parameter) {
		if (!noUnsupportedModifier || param.getMissing() != null) {
			throw new InvalidRequestException(
					"The " + parameter + " parameter of a Questionnaire search takes no :missing or other modifier"
							+ (Questionnaire.SP_NAME.equals(parameter) || Questionnaire.SP_TITLE.equals(parameter)
									? " except :exact and :contains" : ""));
		}
	}

}
