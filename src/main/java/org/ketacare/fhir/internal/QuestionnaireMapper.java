package org.ketacare.fhir.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemEnableWhenComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.ketacare.outcomes.Instrument;
import org.ketacare.outcomes.Instrument.AnswerOption;
import org.ketacare.outcomes.Instrument.Condition;
import org.ketacare.outcomes.Instrument.Item;
import org.ketacare.outcomes.ResponseRecord;

/**
 * Instrument definitions as FHIR Questionnaires and recorded answers as
 * QuestionnaireResponses. An answer is a Coding: the LOINC answer code where the
 * definition gives one, otherwise the score in the instrument's own answer code system;
 * either way its score travels in the standard {@code ordinalValue} extension.
 */
public final class QuestionnaireMapper {

	static final String URL_PREFIX = "urn:ketacare:questionnaire:";

	static final String ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

	/** The link id of the display item that carries the instructions. */
	static final String INSTRUCTIONS = "instructions";

	private QuestionnaireMapper() {
	}

	/**
	 * The FHIR id of an instrument: its code in lower case, such as {@code phq-9}. Codes
	 * are letters, digits and hyphens and unique ignoring case, so the id is a valid,
	 * unique FHIR id.
	 */
	public static String id(String instrumentCode) {
		return instrumentCode.toLowerCase(Locale.ROOT);
	}

	/** The canonical URL of an instrument's Questionnaire. */
	public static String url(String instrumentCode) {
		return URL_PREFIX + instrumentCode;
	}

	/**
	 * The code system of the answers of an instrument whose options have no LOINC code.
	 */
	static String answerSystem(String instrumentCode) {
		return "urn:ketacare:instrument:" + instrumentCode + ":answers";
	}

	public static Questionnaire questionnaire(Instrument instrument) {
		Questionnaire questionnaire = new Questionnaire();
		questionnaire.setId(id(instrument.code()));
		questionnaire.setUrl(url(instrument.code()));
		questionnaire.setVersion(version(instrument));
		questionnaire.setName(machineName(instrument.code()));
		questionnaire.setTitle(instrument.name());
		questionnaire.setStatus(PublicationStatus.ACTIVE);
		questionnaire.addSubjectType("Patient");
		questionnaire.setDescription(instrument.measures() + "; answered by " + instrument.respondent().label() + ".");
		if (instrument.loincPanel() != null) {
			questionnaire.addCode(new Coding(ObservationMapper.LOINC, instrument.loincPanel(), instrument.name()));
		}
		if (instrument.instructions() != null) {
			questionnaire.addItem()
				.setLinkId(INSTRUCTIONS)
				.setType(Questionnaire.QuestionnaireItemType.DISPLAY)
				.setText(instrument.instructions());
		}
		for (Item item : instrument.items()) {
			QuestionnaireItemComponent question = questionnaire.addItem()
				.setLinkId(linkId(item.number()))
				.setPrefix(item.number() + ".")
				.setText(item.text())
				.setType(Questionnaire.QuestionnaireItemType.CHOICE);
			if (item.loinc() != null) {
				question.addCode(new Coding(ObservationMapper.LOINC, item.loinc(), null));
			}
			for (AnswerOption option : instrument.optionsOf(item)) {
				question.addAnswerOption().setValue(answer(instrument.code(), option));
			}
			enableWhen(instrument, item, question);
		}
		return questionnaire;
	}

	/**
	 * A response as FHIR records it. A response that a correction replaced is
	 * {@code entered-in-error}, not {@code amended}: our correction is a new response
	 * (mapped to its own resource) and the original's answers were recorded wrongly and
	 * must not be used; {@code amended} would say this resource's own answers were
	 * changed after completion, which an append-only record never is.
	 * @param instrument the definition, or empty when it was removed since: the answers
	 * are then given as their scores alone
	 */
	public static QuestionnaireResponse response(ResponseRecord response, Optional<Instrument> instrument) {
		QuestionnaireResponse resource = new QuestionnaireResponse();
		resource.setId(response.id().toString());
		resource.setQuestionnaire(url(response.instrument()));
		if (!response.isCurrent()) {
			resource.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.ENTEREDINERROR);
		}
		else {
			resource.setStatus(response.score().complete() ? QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
					: QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
		}
		resource.setSubject(PatientMapper.reference(response.patientId()));
		resource.setAuthoredElement(ObservationMapper.dateTime(response.answeredAt()));
		Reference staff = new Reference().setDisplay(response.recordedByName());
		// The author is who entered the answers, the source who gave them: through a
		// personal link the patient does both.
		resource.setAuthor((response.source() == ResponseRecord.Source.PATIENT_LINK)
				? PatientMapper.reference(response.patientId()) : staff);
		resource.setSource((response.answeredBy() == ResponseRecord.AnsweredBy.PATIENT)
				? PatientMapper.reference(response.patientId()) : staff);
		for (int index = 0; index < response.answers().size(); index++) {
			Integer score = response.answers().get(index);
			if (score == null) {
				continue;
			}
			int number = index + 1;
			QuestionnaireResponseItemComponent item = resource.addItem().setLinkId(linkId(number));
			Optional<Item> asked = instrument.filter((known) -> number <= known.items().size())
				.map((known) -> known.item(number));
			asked.ifPresent((question) -> item.setText(question.text()));
			Optional<AnswerOption> option = asked.flatMap((question) -> instrument.get()
				.optionsOf(question)
				.stream()
				.filter((candidate) -> candidate.score() == score)
				.findFirst());
			if (option.isPresent()) {
				item.addAnswer().setValue(answer(response.instrument(), option.get()));
			}
			else {
				item.addAnswer().setValue(new IntegerType(score));
			}
		}
		return resource;
	}

	static String linkId(int itemNumber) {
		return String.valueOf(itemNumber);
	}

	private static Coding answer(String instrumentCode, AnswerOption option) {
		Coding coding = (option.loinc() != null) ? new Coding(ObservationMapper.LOINC, option.loinc(), option.label())
				: new Coding(answerSystem(instrumentCode), String.valueOf(option.score()), option.label());
		coding.addExtension(ORDINAL_VALUE, new DecimalType(option.score()));
		return coding;
	}

	/**
	 * A screener's skip rule as {@code enableWhen}: the item is asked when an earlier
	 * item has one of the answers scoring at least the condition's score. Several
	 * conditions that must all hold can be written only when each allows exactly one
	 * answer; otherwise the rule is left to the item's text.
	 */
	private static void enableWhen(Instrument instrument, Item item, QuestionnaireItemComponent question) {
		if (item.askedIf().isEmpty()) {
			return;
		}
		List<List<QuestionnaireItemEnableWhenComponent>> perCondition = item.askedIf()
			.stream()
			.map((condition) -> qualifyingAnswers(instrument, condition))
			.toList();
		boolean single = perCondition.size() == 1;
		if (!single && perCondition.stream().anyMatch((answers) -> answers.size() != 1)) {
			return;
		}
		perCondition.forEach((answers) -> answers.forEach(question::addEnableWhen));
		if (question.getEnableWhen().size() > 1) {
			question.setEnableBehavior(
					single ? Questionnaire.EnableWhenBehavior.ANY : Questionnaire.EnableWhenBehavior.ALL);
		}
	}

	private static List<QuestionnaireItemEnableWhenComponent> qualifyingAnswers(Instrument instrument,
			Condition condition) {
		return instrument.optionsOf(instrument.item(condition.item()))
			.stream()
			.filter((option) -> option.score() >= condition.atLeast())
			.map((option) -> new QuestionnaireItemEnableWhenComponent().setQuestion(linkId(condition.item()))
				.setOperator(Questionnaire.QuestionnaireItemOperator.EQUAL)
				.setAnswer(answer(instrument.code(), option)))
			.toList();
	}

	/**
	 * A name usable as an identifier by code generators, as FHIR recommends: the code
	 * with every other character as an underscore, starting with a capital.
	 */
	private static String machineName(String code) {
		String name = code.replaceAll("[^A-Za-z0-9_]", "_");
		return Character.isUpperCase(name.charAt(0)) ? name : "Instrument_" + name;
	}

	/**
	 * The definition files carry no version number; a digest of the definition changes
	 * exactly when its content does, so a recipient can tell two versions apart.
	 */
	private static String version(Instrument instrument) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(instrument.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
