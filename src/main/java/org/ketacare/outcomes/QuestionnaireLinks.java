package org.ketacare.outcomes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketacare.clinic.ClinicSettings;
import org.ketacare.clinic.StaffDirectory;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.InvalidInputException.FieldError;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal links that let a patient answer one self-report questionnaire on their own
 * phone without signing in. The token is random and shown once to the staff member who
 * sends it; only its SHA-256 is stored. A link works once, until it expires, and shows
 * nothing but the questionnaire.
 */
@Service
public class QuestionnaireLinks {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String COLUMNS = """
			clinic_id, id, patient_id, instrument, time_point, issued_by, issued_at, expires_at, used_at, response_id
			""";

	private final JdbcClient jdbc;

	private final Instruments instruments;

	private final Responses responses;

	private final PatientRegistry patients;

	private final ClinicSettings settings;

	private final StaffDirectory staff;

	private final AuditLog audit;

	private final Clock clock;

	QuestionnaireLinks(JdbcClient jdbc, Instruments instruments, Responses responses, PatientRegistry patients,
			ClinicSettings settings, StaffDirectory staff, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.staff = staff;
		this.instruments = instruments;
		this.responses = responses;
		this.patients = patients;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A new link for the patient to answer {@code instrument} for {@code timePoint}.
	 * @return the link with its token, which is shown this once
	 * @throws InvalidInputException when the instrument is not one a patient answers, or
	 * the time point is not valid
	 */
	@Transactional
	public IssuedLink issue(StaffPrincipal by, UUID patientId, String instrumentCode, String timePointText) {
		this.patients.get(by.clinicId(), patientId);
		List<FieldError> problems = new ArrayList<>();
		Instrument instrument = this.instruments.find(instrumentCode).orElse(null);
		if (instrument == null || instrument.respondent() == Instrument.Respondent.CLINICIAN) {
			problems.add(
					new FieldError("instrument",
							"must be one the patient answers: " + String.join(", ", this.instruments.all()
								.stream()
								.filter((candidate) -> candidate.respondent() != Instrument.Respondent.CLINICIAN)
								.map(Instrument::code)
								.toList())));
		}
		TimePoint timePoint = null;
		try {
			timePoint = TimePoint.parse(timePointText);
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldError("timePoint", ex.getMessage()));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		IssuedLink issued = create(by.clinicId(), patientId, instrument, timePoint, by.staffId());
		this.audit.record(by, issuedRecord(issued.link()));
		return issued;
	}

	/**
	 * A link for the follow-up PHQ-9 sent automatically before a follow-up visit, issued
	 * in the name of the staff member who booked the visit; audited as the system's act.
	 */
	IssuedLink issueForFollowUp(UUID clinicId, UUID patientId, UUID bookedBy) {
		IssuedLink issued = create(clinicId, patientId, this.instruments.get(FollowUps.INSTRUMENT, "instrument"),
				TimePoint.ONE_MONTH_FOLLOW_UP, bookedBy);
		this.audit.record(issuedRecord(issued.link()).asActor(new AuditRecord.Actor(clinicId, null, "system", null)));
		return issued;
	}

	private IssuedLink create(UUID clinicId, UUID patientId, Instrument instrument, TimePoint timePoint,
			UUID issuedBy) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant expiresAt = now
			.plus(Duration.ofHours(this.settings.integer(clinicId, OutcomeSettings.LINK_LIFETIME_HOURS)));
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO outcome_questionnaire_links (clinic_id, id, patient_id, instrument, time_point, token_hash,
				    issued_by, issued_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(clinicId, id, patientId, instrument.code(), timePoint.code(), hash(token), issuedBy,
					Timestamps.of(now), Timestamps.of(expiresAt))
			.update();
		return new IssuedLink(find(clinicId, id).orElseThrow(), token);
	}

	private static AuditRecord issuedRecord(Link link) {
		return AuditRecord.success("QUESTIONNAIRE_LINK_ISSUED")
			.target("questionnaire_link", link.id())
			.patient(link.patientId())
			.details(link.instrument() + " " + link.timePoint().code() + ", expires " + link.expiresAt());
	}

	/** The patient's links, newest first; part of a read the caller audits. */
	public List<Link> forPatient(UUID clinicId, UUID patientId) {
		return this.jdbc.sql("SELECT " + COLUMNS
				+ " FROM outcome_questionnaire_links WHERE clinic_id = ? AND patient_id = ? ORDER BY issued_at DESC")
			.params(clinicId, patientId)
			.query(this::map)
			.list();
	}

	/**
	 * The open link with this token, for the patient's page; empty when the token is
	 * unknown, used or expired (the page says the same for all three).
	 */
	public Optional<Link> open(String token) {
		return byToken(token).filter(Link::isOpen);
	}

	/**
	 * The patient answers through the link: checked like any response, stored as answered
	 * by the patient, and the link is used up.
	 * @throws InvalidInputException naming each item that is unanswered or out of range
	 * @throws LinkClosedException when the link is unknown, used or expired
	 */
	@Transactional
	public void answer(String token, List<Integer> answers) {
		Link link = byToken(token).filter(Link::isOpen).orElseThrow(LinkClosedException::new);
		Instrument instrument = this.instruments.find(link.instrument()).orElseThrow(LinkClosedException::new);
		List<FieldError> problems = new ArrayList<>(Scoring.problems(instrument, answers));
		if (problems.isEmpty() && !Scoring.score(instrument, answers).complete()) {
			for (int index = 0; index < answers.size(); index++) {
				if (answers.get(index) == null && Scoring.asked(instrument.items().get(index), answers)) {
					problems.add(new FieldError("answers[" + index + "]", "please answer question " + (index + 1)));
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		// Lock the link so that two submissions of the same page store one response.
		boolean stillOpen = this.jdbc
			.sql("SELECT used_at IS NULL FROM outcome_questionnaire_links WHERE clinic_id = ? AND id = ? FOR UPDATE")
			.params(link.clinicId(), link.id())
			.query(Boolean.class)
			.single();
		if (!stillOpen) {
			throw new LinkClosedException();
		}
		String issuerName = this.staff.get(link.clinicId(), link.issuedBy()).displayName();
		Instant now = this.responses.now();
		AuditRecord.Actor patientActor = new AuditRecord.Actor(link.clinicId(), null, "patient (personal link)", null);
		ResponseRecord response = new ResponseRecord(UUID.randomUUID(), link.patientId(), instrument.code(),
				link.timePoint(), answers, Scoring.score(instrument, answers), ResponseRecord.AnsweredBy.PATIENT,
				ResponseRecord.Source.PATIENT_LINK, link.issuedBy(), issuerName, now, now, null, null, null);
		this.responses.store(link.clinicId(), instrument, response, patientActor);
		this.jdbc
			.sql("UPDATE outcome_questionnaire_links SET used_at = ?, response_id = ? WHERE clinic_id = ? AND id = ?")
			.params(Timestamps.of(now), response.id(), link.clinicId(), link.id())
			.update();
	}

	private Optional<Link> byToken(String token) {
		if (token == null || token.length() > 100) {
			return Optional.empty();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM outcome_questionnaire_links WHERE token_hash = ?")
			.param(hash(token))
			.query(this::map)
			.optional();
	}

	private Optional<Link> find(UUID clinicId, UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM outcome_questionnaire_links WHERE clinic_id = ? AND id = ?")
			.params(clinicId, id)
			.query(this::map)
			.optional();
	}

	private Link map(ResultSet rs, int row) throws SQLException {
		return new Link(rs.getObject("id", UUID.class), rs.getObject("clinic_id", UUID.class),
				rs.getObject("patient_id", UUID.class), rs.getString("instrument"),
				TimePoint.parse(rs.getString("time_point")), rs.getObject("issued_by", UUID.class),
				Timestamps.read(rs, "issued_at"), Timestamps.read(rs, "expires_at"), Timestamps.read(rs, "used_at"),
				rs.getObject("response_id", UUID.class), this.clock.instant());
	}

	private static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	/**
	 * A personal link as staff see it.
	 *
	 * @param checkedAt when its state was read, to tell open from expired
	 */
	public record Link(UUID id, UUID clinicId, UUID patientId, String instrument, TimePoint timePoint, UUID issuedBy,
			Instant issuedAt, Instant expiresAt, Instant usedAt, UUID responseId, Instant checkedAt) {

		public boolean isOpen() {
			return this.usedAt == null && this.expiresAt.isAfter(this.checkedAt);
		}

		public String state() {
			return (this.usedAt != null) ? "answered" : isOpen() ? "open" : "expired";
		}

	}

	/** A new link and its token, which is shown only this once. */
	public record IssuedLink(Link link, String token) {
	}

	/** The link is unknown, used or expired; the patient is told no more than that. */
	public static class LinkClosedException extends RuntimeException {

		public LinkClosedException() {
			super("This questionnaire link is not valid: it was already used, it expired, or it is mistyped");
		}

	}

}
