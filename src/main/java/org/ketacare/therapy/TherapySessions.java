package org.ketacare.therapy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.ketacare.clinic.ClinicSettings;
import org.ketacare.clinic.Signature;
import org.ketacare.clinic.Signatures;
import org.ketacare.course.Appointment;
import org.ketacare.course.Courses;
import org.ketacare.patient.Patient;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.FieldErrors;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Therapy sessions and their notes. A note is signed by its therapist when it is recorded
 * and is never changed; an addendum adds to it. Notes are psychotherapy notes: therapists
 * read them; physicians see that a session took place, not what was said.
 */
@Service
public class TherapySessions {

	static final String SIGNATURE_MEANING = "author of the therapy session note";

	static final int MAX_NOTE_LENGTH = 20000;

	/** An overdue integration stays on the list this long after its window closed. */
	private static final Duration OVERDUE_SHOWN_FOR = Duration.ofDays(7);

	private final TherapyRepository repository;

	private final PatientRegistry patients;

	private final Courses courses;

	private final Signatures signatures;

	private final ClinicSettings settings;

	private final AuditLog audit;

	private final Clock clock;

	TherapySessions(TherapyRepository repository, PatientRegistry patients, Courses courses, Signatures signatures,
			ClinicSettings settings, AuditLog audit, Clock clock) {
		this.repository = repository;
		this.patients = patients;
		this.courses = courses;
		this.signatures = signatures;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Records a session and signs its note with the therapist's password.
	 * @throws org.ketacare.platform.InvalidInputException naming every field that breaks
	 * a rule, or the password when it is wrong; nothing is saved
	 */
	@Transactional
	public TherapySession record(StaffPrincipal by, UUID patientId, TherapyCommands.NewSession command) {
		requireRole(by, Role.THERAPIST);
		this.patients.get(by.clinicId(), patientId);
		Instant now = this.clock.instant();
		FieldErrors errors = new FieldErrors();
		SessionKind kind = kind(errors, command.kind());
		Instant heldAt = heldAt(errors, command.heldAt(), by, now);
		Integer minutes = errors.required("minutes", command.minutes());
		if (minutes != null && (minutes < 5 || minutes > 480)) {
			errors.add("minutes", "must be between 5 and 480");
		}
		String note = errors.text("note", command.note(), MAX_NOTE_LENGTH);
		errors.throwIfAny();
		Signature signature = this.signatures.sign(by, command.password(), SIGNATURE_MEANING, Set.of(Role.THERAPIST));
		UUID id = UUID.randomUUID();
		this.repository.insertSession(by.clinicId(), id, patientId, kind, heldAt, minutes, note, by.staffId(),
				signature.signedAt(), signature.meaning());
		this.audit.record(by,
				AuditRecord.success("THERAPY_SESSION_RECORDED")
					.target("therapy-session", id)
					.patient(patientId)
					.details(kind.label() + ", " + minutes + " min, signed"));
		return new TherapySession(id, patientId, kind, heldAt, minutes, by.displayName(), signature.signedAt(), note,
				List.of());
	}

	/**
	 * Adds to a signed note, which stays as it was.
	 * @throws NotFoundException when the clinic has no such session
	 */
	@Transactional
	public TherapySession.Addendum addendum(StaffPrincipal by, UUID sessionId, TherapyCommands.NewAddendum command) {
		requireRole(by, Role.THERAPIST);
		TherapySession session = this.repository.find(by.clinicId(), sessionId)
			.orElseThrow(() -> new NotFoundException("Therapy session " + sessionId));
		FieldErrors errors = new FieldErrors();
		String text = errors.text("text", command.text(), 5000);
		String reason = errors.text("reason", command.reason(), 1000);
		errors.throwIfAny();
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.repository.insertAddendum(by.clinicId(), id, sessionId, text, reason, by.staffId(), now);
		this.audit.record(by,
				AuditRecord.success("THERAPY_ADDENDUM_RECORDED")
					.target("therapy-session", sessionId)
					.patient(session.patientId())
					.details(reason));
		return new TherapySession.Addendum(id, text, reason, by.displayName(), now);
	}

	/**
	 * The patient's sessions, newest first; with their notes for therapists only.
	 * @throws NotFoundException when the clinic has no such patient
	 */
	@Transactional
	public List<TherapySession> ofPatient(StaffPrincipal by, UUID patientId) {
		requireRole(by, Role.THERAPIST, Role.PHYSICIAN);
		this.patients.get(by.clinicId(), patientId);
		boolean notes = by.hasRole(Role.THERAPIST);
		List<TherapySession> sessions = this.repository.ofPatient(by.clinicId(), patientId);
		this.audit.record(by,
				AuditRecord.success("THERAPY_SESSIONS_VIEWED")
					.target("patient", patientId)
					.patient(patientId)
					.details(sessions.size() + " sessions, " + (notes ? "notes shown" : "notes withheld")));
		return notes ? sessions
				: sessions.stream()
					.map((s) -> new TherapySession(s.id(), s.patientId(), s.kind(), s.heldAt(), s.minutes(),
							s.therapistName(), s.signedAt(), null, List.of()))
					.toList();
	}

	/**
	 * Patients whose latest infusion, within the clinic's integration window (and a week
	 * past it, marked overdue), has no integration session after it; soonest due first.
	 * Each patient listed is audited.
	 */
	@Transactional
	public List<IntegrationDue> integrationDue(StaffPrincipal by) {
		requireRole(by, Role.THERAPIST);
		Instant now = this.clock.instant();
		Duration window = Duration
			.ofHours(this.settings.integer(by.clinicId(), TherapySettings.INTEGRATION_WINDOW_HOURS));
		Map<UUID, Appointment> latestInfusion = new LinkedHashMap<>();
		this.courses.attendedInfusions(by.clinicId(), now.minus(window).minus(OVERDUE_SHOWN_FOR), now)
			.forEach((infusion) -> latestInfusion.put(infusion.patientId(), infusion));
		Map<UUID, Instant> integrated = this.repository.lastIntegration(by.clinicId(), latestInfusion.keySet());
		List<IntegrationDue> due = new ArrayList<>();
		for (Appointment infusion : latestInfusion.values()) {
			Instant last = integrated.get(infusion.patientId());
			if (last != null && !last.isBefore(infusion.start())) {
				continue;
			}
			Patient patient = this.patients.get(by.clinicId(), infusion.patientId());
			Instant dueBy = infusion.start().plus(window);
			due.add(new IntegrationDue(patient.id(), patient.fullName(), patient.mrn(), infusion.start(), dueBy,
					now.isAfter(dueBy)));
			this.audit.record(by,
					AuditRecord.success("THERAPY_INTEGRATION_DUE_LISTED")
						.target("patient", patient.id())
						.patient(patient.id()));
		}
		due.sort(Comparator.comparing(IntegrationDue::dueBy));
		return due;
	}

	private static SessionKind kind(FieldErrors errors, String kind) {
		String allowed = String.join(", ", Arrays.stream(SessionKind.values()).map(Enum::name).toList());
		if (kind == null || kind.isBlank()) {
			errors.add("kind", "is required: one of " + allowed);
			return null;
		}
		try {
			return SessionKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			errors.add("kind", "must be one of " + allowed);
			return null;
		}
	}

	private static Instant heldAt(FieldErrors errors, String heldAt, StaffPrincipal by, Instant now) {
		if (heldAt == null || heldAt.isBlank()) {
			errors.add("heldAt", "is required: the date and time the session began");
			return null;
		}
		Instant at;
		try {
			at = LocalDateTime.parse(heldAt.strip()).atZone(by.clinicZone()).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.add("heldAt", "must be a date and time such as 2026-11-27T14:00");
			return null;
		}
		if (at.isAfter(now)) {
			errors.add("heldAt", "must not be in the future: a note is written after the session");
			return null;
		}
		return at;
	}

	private static void requireRole(StaffPrincipal by, Role... roles) {
		for (Role role : roles) {
			if (by.hasRole(role)) {
				return;
			}
		}
		throw new AccessDeniedException("Your role does not allow this");
	}

}
