package org.ketacare.screening;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.ketacare.clinic.ClinicSettings;
import org.ketacare.clinic.Signature;
import org.ketacare.clinic.Signatures;
import org.ketacare.patient.Patient;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.patient.PatientStatus;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.Role;
import org.ketacare.platform.RuleViolationException;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.screening.Screening.ReviewDecision;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records screenings, decides them under the clinic's rule set, and takes the physician's
 * signed review. Every read and change is audited with the patient.
 */
@Service
class Screenings {

	/** The patient flag raised when a physician approves against an INELIGIBLE result. */
	static final String APPROVED_AGAINST_RULES = "APPROVED_AGAINST_RULES";

	private final ScreeningRepository screenings;

	private final PatientRegistry patients;

	private final ClinicSettings settings;

	private final Signatures signatures;

	private final AuditLog audit;

	private final Clock clock;

	Screenings(ScreeningRepository screenings, PatientRegistry patients, ClinicSettings settings, Signatures signatures,
			AuditLog audit, Clock clock) {
		this.screenings = screenings;
		this.patients = patients;
		this.settings = settings;
		this.signatures = signatures;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Records a screening call and decides it. The patient moves to status screening, and
	 * the new screening supersedes the patient's previous one, with its review.
	 * @throws InvalidInputException naming every field that breaks a rule; nothing is
	 * saved
	 * @throws RuleViolationException when the patient is in a course
	 */
	@Transactional
	public Screening record(StaffPrincipal by, UUID patientId, ScreeningRequest request) {
		Patient patient = this.patients.get(by.clinicId(), patientId);
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, by.clinicZone());
		ScreeningFacts facts = request.toFacts(patient.ageOn(today));
		if (!this.patients.canMoveTo(patient, PatientStatus.SCREENING)) {
			throw new RuleViolationException(
					patient.fullName() + " is " + patient.status().label().toLowerCase(Locale.ROOT)
							+ "; a new screening is recorded after the course");
		}
		Decision decision = EligibilityRules.decide(facts,
				ScreeningSettings.ruleSet(this.settings, by.clinicId(), now));
		// Moving the patient locks their record, so two screenings of one patient queue
		// here.
		this.patients.changeStatus(by, patientId, PatientStatus.SCREENING, "Screening recorded: " + decision.outcome());
		UUID supersedes = this.screenings.latestForPatient(by.clinicId(), patientId).map(Screening::id).orElse(null);
		UUID id = UUID.randomUUID();
		this.screenings.insert(by.clinicId(), id, patientId, now, by.staffId(), by.displayName(), facts,
				request.cleanNotes(), decision, supersedes);
		this.patients.clearFlags(by, patientId, APPROVED_AGAINST_RULES, "a new screening was recorded");
		this.audit.record(by,
				AuditRecord.success("SCREENING_RECORDED")
					.target("screening", id)
					.patient(patientId)
					.details(decision.outcome() + " under " + decision.rulesVersion()
							+ ((supersedes != null) ? "; supersedes screening " + supersedes : "")));
		return this.screenings.find(by.clinicId(), id).orElseThrow();
	}

	/** One screening, audited as a read of the patient's data. */
	@Transactional
	public Screening view(StaffPrincipal by, UUID screeningId) {
		Screening screening = get(by.clinicId(), screeningId);
		this.audit.record(by,
				AuditRecord.success("SCREENING_VIEWED")
					.target("screening", screeningId)
					.patient(screening.patientId()));
		return screening;
	}

	/** The patient's screenings, newest first, as part of a read the caller audits. */
	List<Screening> history(UUID clinicId, UUID patientId) {
		return this.screenings.forPatient(clinicId, patientId);
	}

	/** The patient's screenings, newest first; audited. */
	@Transactional
	public List<Screening> history(StaffPrincipal by, UUID patientId) {
		this.patients.get(by.clinicId(), patientId);
		this.audit.record(by, AuditRecord.success("SCREENINGS_LISTED").target("patient", patientId).patient(patientId));
		return history(by.clinicId(), patientId);
	}

	/** The physician's worklist: current screenings without a review. */
	@Transactional
	public Worklist worklist(StaffPrincipal by) {
		Worklist worklist = new Worklist(this.screenings.awaitingReview(by.clinicId(), 100),
				this.screenings.recentlyReviewed(by.clinicId(), 20));
		for (Screening screening : worklist.awaiting()) {
			this.audit.record(by,
					AuditRecord.success("SCREENING_LISTED")
						.target("screening", screening.id())
						.patient(screening.patientId()));
		}
		for (Screening screening : worklist.reviewed()) {
			this.audit.record(by,
					AuditRecord.success("SCREENING_LISTED")
						.target("screening", screening.id())
						.patient(screening.patientId()));
		}
		return worklist;
	}

	/**
	 * A physician's signed approval or decline. Approving a screening the rules found
	 * INELIGIBLE needs a written justification and flags the patient.
	 * @throws InvalidInputException naming {@code decision}, {@code justification} or
	 * {@code password}; nothing is saved
	 * @throws ConflictException when the screening was already reviewed or a newer one
	 * supersedes it
	 */
	@Transactional
	public Screening review(StaffPrincipal physician, UUID screeningId, String decisionText, String justification,
			String password) {
		if (!physician.hasRole(Role.PHYSICIAN)) {
			throw new org.springframework.security.access.AccessDeniedException("Only a physician reviews a screening");
		}
		if (!this.screenings.lock(physician.clinicId(), screeningId)) {
			throw new NotFoundException("Screening " + screeningId);
		}
		Screening screening = get(physician.clinicId(), screeningId);
		ReviewDecision decision = null;
		String reason = (justification != null && !justification.isBlank()) ? justification.strip() : null;
		List<InvalidInputException.FieldError> errors = new java.util.ArrayList<>();
		if (decisionText == null || decisionText.isBlank()) {
			errors.add(new InvalidInputException.FieldError("decision", "is required: APPROVED or DECLINED"));
		}
		else {
			decision = Answers.fromCode(ReviewDecision.class, decisionText).orElse(null);
			if (decision == null) {
				errors.add(new InvalidInputException.FieldError("decision", "must be APPROVED or DECLINED"));
			}
		}
		if (reason != null && reason.length() > 2000) {
			errors.add(new InvalidInputException.FieldError("justification", "must be at most 2000 characters"));
		}
		if (decision == ReviewDecision.APPROVED && screening.outcome() == Outcome.INELIGIBLE && reason == null) {
			errors.add(new InvalidInputException.FieldError("justification",
					"is required to approve a screening the rules found INELIGIBLE"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (screening.review().isPresent()) {
			Screening.Review review = screening.review().get();
			throw new ConflictException(
					"This screening was already " + review.decision().name().toLowerCase(Locale.ROOT) + " by "
							+ review.signerName() + "; a decision is never changed. Record a new screening instead.");
		}
		if (!screening.isCurrent()) {
			throw new ConflictException(
					"A newer screening of this patient supersedes this one; review the newer screening");
		}
		boolean approve = decision == ReviewDecision.APPROVED;
		Signature signature = this.signatures.sign(physician, password,
				approve ? "Approved for ketamine treatment" : "Declined for ketamine treatment",
				Set.of(Role.PHYSICIAN));
		this.screenings.insertReview(physician.clinicId(), screeningId, decision, screening.outcome(), reason,
				signature);
		this.patients.changeStatus(physician, screening.patientId(),
				approve ? PatientStatus.ELIGIBLE : PatientStatus.DECLINED,
				signature.meaning() + " by " + signature.signerName());
		boolean againstResult = approve && screening.outcome() == Outcome.INELIGIBLE;
		if (againstResult) {
			this.patients.raiseFlag(physician, screening.patientId(), APPROVED_AGAINST_RULES,
					"Approved by " + signature.signerName() + " although the eligibility rules found the patient "
							+ "INELIGIBLE: " + reason);
		}
		this.audit.record(physician,
				AuditRecord.success("SCREENING_REVIEWED")
					.target("screening", screeningId)
					.patient(screening.patientId())
					.details(decision + " of a " + screening.outcome() + " result, signed by " + signature.signerName()
							+ (againstResult ? "; against the rules: " + reason : "")));
		return get(physician.clinicId(), screeningId);
	}

	Screening get(UUID clinicId, UUID screeningId) {
		return this.screenings.find(clinicId, screeningId)
			.orElseThrow(() -> new NotFoundException("Screening " + screeningId));
	}

	/**
	 * What a physician has to review and what was reviewed lately.
	 */
	record Worklist(List<Screening> awaiting, List<Screening> reviewed) {
	}

}
