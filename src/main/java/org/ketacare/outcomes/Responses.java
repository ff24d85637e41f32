package org.ketacare.outcomes;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.ketacare.clinic.ClinicSettings;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.InvalidInputException.FieldError;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records answers to instruments and tells what a patient's answers say. Each response is
 * checked completely before anything is written, scored exactly by its definition, kept
 * append-only, audited, and may raise safety alerts and a relapse event in the same
 * transaction.
 */
@Service
public class Responses {

	/**
	 * The roles that read a patient's answers, as on the patient's outcome page and the
	 * responses API.
	 */
	static final Set<Role> READERS = EnumSet.of(Role.NURSE, Role.PHYSICIAN, Role.THERAPIST, Role.INTAKE);

	private final Instruments instruments;

	private final ResponseRepository responses;

	private final SafetyAlerts alerts;

	private final PatientRegistry patients;

	private final ClinicSettings settings;

	private final ApplicationEventPublisher events;

	private final AuditLog audit;

	private final Clock clock;

	Responses(Instruments instruments, ResponseRepository responses, SafetyAlerts alerts, PatientRegistry patients,
			ClinicSettings settings, ApplicationEventPublisher events, AuditLog audit, Clock clock) {
		this.instruments = instruments;
		this.responses = responses;
		this.alerts = alerts;
		this.patients = patients;
		this.settings = settings;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A staff member records answers for a patient of their clinic.
	 * @throws InvalidInputException naming every field that breaks a rule; nothing is
	 * saved
	 * @throws NotFoundException when the clinic has no such patient, or no such response
	 * to correct
	 * @throws ConflictException when the response to correct was already corrected
	 */
	@Transactional
	public ResponseRecord record(StaffPrincipal by, UUID patientId, NewResponse command, ResponseRecord.Source source) {
		this.patients.get(by.clinicId(), patientId);
		Instant now = now();
		List<FieldError> problems = new ArrayList<>();
		Instrument instrument = this.instruments.find(command.instrument()).orElse(null);
		if (instrument == null) {
			problems.add(new FieldError("instrument", "must be one of "
					+ String.join(", ", this.instruments.all().stream().map(Instrument::code).toList())));
		}
		else {
			problems.addAll(Scoring.problems(instrument, command.answers()));
		}
		TimePoint timePoint = timePoint(command.timePoint(), problems);
		ResponseRecord.AnsweredBy answeredBy = answeredBy(command.answeredBy(), instrument, problems);
		Instant answeredAt = (command.answeredAt() != null) ? command.answeredAt().truncatedTo(ChronoUnit.MICROS) : now;
		if (answeredAt.isAfter(now)) {
			problems.add(new FieldError("answeredAt", "must not be in the future"));
		}
		String reason = null;
		if (command.corrects() != null) {
			reason = (command.correctionReason() != null) ? command.correctionReason().strip() : "";
			if (reason.isEmpty() || reason.length() > 1000) {
				problems.add(new FieldError("correctionReason", "say why it is corrected, in at most 1000 characters"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		if (command.corrects() != null) {
			ResponseRecord original = this.responses.find(by.clinicId(), command.corrects())
				.filter((response) -> response.patientId().equals(patientId))
				.orElseThrow(() -> new NotFoundException("Response " + command.corrects() + " of this patient"));
			if (!original.instrument().equals(instrument.code())) {
				throw new InvalidInputException("instrument",
						"must be " + original.instrument() + ", the instrument of the response it corrects");
			}
			if (!original.isCurrent()) {
				throw new ConflictException("This response was already corrected by response " + original.correctedBy()
						+ "; correct that one");
			}
		}
		ResponseRecord response = new ResponseRecord(UUID.randomUUID(), patientId, instrument.code(), timePoint,
				command.answers(), Scoring.score(instrument, command.answers()), answeredBy, source, by.staffId(),
				by.displayName(), answeredAt, now, command.corrects(), reason, null);
		return store(by.clinicId(), instrument, response, AuditRecord.Actor.of(by));
	}

	/**
	 * Stores a checked response with its alerts and any relapse it completes; the one
	 * path every response takes, from staff or from a patient's link.
	 */
	ResponseRecord store(UUID clinicId, Instrument instrument, ResponseRecord response, AuditRecord.Actor actor) {
		this.responses.insert(clinicId, response);
		this.audit
			.record(AuditRecord.success((response.corrects() != null) ? "RESPONSE_CORRECTED" : "RESPONSE_RECORDED")
				.target("response", response.id())
				.patient(response.patientId())
				.details(instrument.code() + " " + response.timePoint().code() + ": "
						+ ((response.score().total() != null) ? "total " + response.score().total()
								: (response.score().severity() != null) ? response.score().severity() : "incomplete")
						+ ((response.corrects() != null) ? "; corrects " + response.corrects() : ""))
				.asActor(actor));
		this.alerts.raise(clinicId, instrument, response, actor);
		if (instrument.hasTotal() && response.score().total() != null) {
			InstrumentOutcome outcome = OutcomeAnalysis.analyse(instrument,
					points(this.responses.forPatient(clinicId, response.patientId()), instrument.code()),
					relapseRule(clinicId));
			outcome.relapses()
				.stream()
				.filter((relapse) -> relapse.responseId().equals(response.id()))
				.findFirst()
				.ifPresent((relapse) -> {
					this.events.publishEvent(new RelapseDetected(clinicId, response.patientId(), instrument.code(),
							response.id(), outcome.baseline().total(), response.score().total(), relapse.respondedAt(),
							relapse.relapsedAt(), relapse.daysToRelapse()));
					this.audit.record(AuditRecord.success("RELAPSE_DETECTED")
						.target("response", response.id())
						.patient(response.patientId())
						.details(instrument.code() + ": relapse " + relapse.daysToRelapse()
								+ " days after response; booster suggested")
						.asActor(actor));
				});
		}
		return this.responses.find(clinicId, response.id()).orElseThrow();
	}

	/**
	 * The patient's responses on these instruments that no correction replaced, read
	 * once, for another module's records (such as the patient's infusion visits, each
	 * showing the newest answered since its day began) that audit their own read.
	 */
	@Transactional(readOnly = true)
	public CurrentResponses current(UUID clinicId, UUID patientId, Collection<String> instruments) {
		return new CurrentResponses(this.responses.forPatient(clinicId, patientId)
			.stream()
			.filter((response) -> instruments.contains(response.instrument()) && response.isCurrent())
			.toList());
	}

	/**
	 * Every response of a patient of the caller's clinic, newest first, corrected ones
	 * included, unaudited: for modules that audit the read as part of their own action
	 * (such as the FHIR API, one row per patient shown). Empty for another clinic's
	 * patient.
	 * @throws AccessDeniedException when the caller's roles do not read answers
	 */
	@Transactional(readOnly = true)
	public List<ResponseRecord> ofPatient(StaffPrincipal by, UUID patientId) {
		requireReader(by);
		return this.responses.forPatient(by.clinicId(), patientId);
	}

	/**
	 * One response of the caller's clinic, whichever patient it is about, unaudited: for
	 * modules that audit the read themselves once they know the patient.
	 * @throws AccessDeniedException when the caller's roles do not read answers
	 */
	@Transactional(readOnly = true)
	public Optional<ResponseRecord> find(StaffPrincipal by, UUID responseId) {
		requireReader(by);
		return this.responses.find(by.clinicId(), responseId);
	}

	/** One response of a patient of the caller's clinic; audited. */
	@Transactional
	public ResponseRecord get(StaffPrincipal by, UUID patientId, UUID responseId) {
		ResponseRecord response = this.responses.find(by.clinicId(), responseId)
			.filter((found) -> found.patientId().equals(patientId))
			.orElseThrow(() -> new NotFoundException("Response " + responseId));
		this.audit.record(by, AuditRecord.success("RESPONSE_VIEWED").target("response", responseId).patient(patientId));
		return response;
	}

	/** What the patient's answers say, instrument by instrument; audited. */
	@Transactional
	public PatientOutcomes outcomes(StaffPrincipal by, UUID patientId) {
		this.patients.get(by.clinicId(), patientId);
		List<ResponseRecord> all = this.responses.forPatient(by.clinicId(), patientId);
		RelapseRule rule = relapseRule(by.clinicId());
		List<InstrumentOutcome> scored = new ArrayList<>();
		List<PatientOutcomes.RiskLevelSeries> riskLevels = new ArrayList<>();
		all.stream().map(ResponseRecord::instrument).distinct().sorted().forEach((code) -> {
			Instrument instrument = this.instruments.find(code).orElse(null);
			if (instrument == null) {
				// A definition removed from the folder: its responses stay listed as
				// recorded.
				return;
			}
			if (instrument.hasTotal()) {
				scored.add(OutcomeAnalysis.analyse(instrument, points(all, code), rule));
			}
			else {
				List<PatientOutcomes.RiskLevelPoint> points = all.stream()
					.filter((response) -> response.instrument().equals(code) && response.isCurrent()
							&& response.score().severity() != null)
					.sorted(Comparator.comparing(ResponseRecord::answeredAt))
					.map((response) -> new PatientOutcomes.RiskLevelPoint(response.id(), response.answeredAt(),
							response.timePoint(), response.score().severity()))
					.toList();
				if (!points.isEmpty()) {
					riskLevels.add(new PatientOutcomes.RiskLevelSeries(code, points));
				}
			}
		});
		this.audit.record(by,
				AuditRecord.success("OUTCOMES_VIEWED")
					.target("patient", patientId)
					.patient(patientId)
					.details(all.size() + " responses"));
		return new PatientOutcomes(patientId, scored, riskLevels, all,
				this.alerts.forPatient(by.clinicId(), patientId));
	}

	private static void requireReader(StaffPrincipal by) {
		if (READERS.stream().noneMatch(by::hasRole)) {
			throw new AccessDeniedException("Reading questionnaire answers needs one of the roles " + READERS);
		}
	}

	RelapseRule relapseRule(UUID clinicId) {
		return new RelapseRule(this.settings.integer(clinicId, OutcomeSettings.RELAPSE_REDUCTION_BELOW_PERCENT),
				this.settings.integer(clinicId, OutcomeSettings.RELAPSE_CONSECUTIVE_SCORES));
	}

	/** The current (not corrected) scored responses on one instrument. */
	static List<ScoredPoint> points(List<ResponseRecord> responses, String instrument) {
		return responses.stream()
			.filter((response) -> response.instrument().equals(instrument) && response.isCurrent()
					&& response.score().total() != null)
			.map(Responses::point)
			.toList();
	}

	static ScoredPoint point(ResponseRecord response) {
		return new ScoredPoint(response.id(), response.answeredAt(), response.timePoint(), response.score().total(),
				response.score().severity());
	}

	Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static TimePoint timePoint(String text, List<FieldError> problems) {
		try {
			return TimePoint.parse(text);
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldError("timePoint", ex.getMessage()));
			return null;
		}
	}

	private static ResponseRecord.AnsweredBy answeredBy(String text, Instrument instrument, List<FieldError> problems) {
		if (text == null || text.isBlank()) {
			return (instrument != null && instrument.respondent() == Instrument.Respondent.CLINICIAN)
					? ResponseRecord.AnsweredBy.STAFF : ResponseRecord.AnsweredBy.PATIENT;
		}
		ResponseRecord.AnsweredBy answeredBy;
		try {
			answeredBy = ResponseRecord.AnsweredBy.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldError("answeredBy", "must be patient or staff"));
			return null;
		}
		if (instrument != null && ((instrument.respondent() == Instrument.Respondent.CLINICIAN
				&& answeredBy != ResponseRecord.AnsweredBy.STAFF)
				|| (instrument.respondent() == Instrument.Respondent.SELF
						&& answeredBy != ResponseRecord.AnsweredBy.PATIENT))) {
			problems.add(new FieldError("answeredBy",
					"must be " + ((instrument.respondent() == Instrument.Respondent.SELF) ? "patient" : "staff") + ": "
							+ instrument.code() + " is answered by " + instrument.respondent().label()));
			return null;
		}
		return answeredBy;
	}

}
