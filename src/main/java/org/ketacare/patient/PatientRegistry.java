package org.ketacare.patient;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.ketacare.platform.FieldErrors;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.Role;
import org.ketacare.platform.RuleViolationException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clinic's patients: register (with a duplicate check), look up, search, edit, record
 * weight and height, and move through the statuses from inquiry to discharge. Every read
 * and change is scoped to the caller's clinic and audited.
 */
@Service
public class PatientRegistry {

	/** Plausible adult measurements; anything outside is a typing error. */
	static final String MIN_WEIGHT_KG = "20";

	static final String MAX_WEIGHT_KG = "300";

	static final String MIN_HEIGHT_CM = "100";

	static final String MAX_HEIGHT_CM = "250";

	private static final Map<PatientStatus, Set<PatientStatus>> NEXT_STATUSES = Map.of(PatientStatus.INQUIRY,
			EnumSet.of(PatientStatus.SCREENING, PatientStatus.DECLINED, PatientStatus.DISCHARGED),
			PatientStatus.SCREENING,
			EnumSet.of(PatientStatus.ELIGIBLE, PatientStatus.DECLINED, PatientStatus.DISCHARGED),
			PatientStatus.ELIGIBLE,
			EnumSet.of(PatientStatus.SCREENING, PatientStatus.IN_COURSE, PatientStatus.DECLINED,
					PatientStatus.DISCHARGED),
			PatientStatus.DECLINED, EnumSet.of(PatientStatus.SCREENING, PatientStatus.DISCHARGED),
			PatientStatus.IN_COURSE, EnumSet.of(PatientStatus.FOLLOW_UP, PatientStatus.DISCHARGED),
			PatientStatus.FOLLOW_UP,
			EnumSet.of(PatientStatus.IN_COURSE, PatientStatus.SCREENING, PatientStatus.DISCHARGED),
			PatientStatus.DISCHARGED, EnumSet.of(PatientStatus.SCREENING));

	private final PatientRepository patients;

	private final AuditLog audit;

	private final Clock clock;

	PatientRegistry(PatientRepository patients, AuditLog audit, Clock clock) {
		this.patients = patients;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The patient as the registry holds it now, for modules that audit the read as part
	 * of their own action (such as recording a screening).
	 * @throws NotFoundException when the clinic has no such patient
	 */
	public Patient get(UUID clinicId, UUID patientId) {
		return this.patients.find(clinicId, patientId).orElseThrow(() -> new NotFoundException("Patient " + patientId));
	}

	/**
	 * The clinic's patients matching the query, in the registry's search order, for
	 * modules that audit each patient they show (such as the FHIR API).
	 */
	public List<Patient> find(UUID clinicId, PatientQuery query, int offset, int limit) {
		return this.patients.search(clinicId, query, Math.max(offset, 0), Math.min(Math.max(limit, 1), 500));
	}

	/** How many of the clinic's patients match the query. */
	public int count(UUID clinicId, PatientQuery query) {
		return this.patients.count(clinicId, query);
	}

	/**
	 * The ids of the clinic's patients after {@code after} (from the first when
	 * {@code null}), in id order, for modules that walk every patient a page at a time
	 * and audit what they read (such as the FHIR bulk export).
	 */
	public List<UUID> idsAfter(UUID clinicId, UUID after, int limit) {
		return this.patients.idsAfter(clinicId, after, Math.min(Math.max(limit, 1), 1000));
	}

	/** How many patients the clinic has, in every status. */
	public int count(UUID clinicId) {
		return count(clinicId, PatientQuery.parse(null, null));
	}

	/** A staff member opens the patient's record; audited. */
	@Transactional
	public Patient view(StaffPrincipal by, UUID patientId) {
		Patient patient = get(by.clinicId(), patientId);
		this.audit.record(by, AuditRecord.success("PATIENT_VIEWED").target("patient", patientId).patient(patientId));
		return patient;
	}

	/**
	 * Registers a patient with their first weight and height. When patients of the same
	 * name and birth date exist and {@code despiteDuplicates} is false, nothing is saved
	 * and they are returned for the caller to link to or to continue.
	 * @throws org.ketacare.platform.InvalidInputException naming every field that breaks
	 * a rule; nothing is saved
	 */
	@Transactional
	public Registration register(StaffPrincipal by, PatientDetails details, BigDecimal weightKg, BigDecimal heightCm,
			boolean despiteDuplicates) {
		LocalDate today = today(by);
		FieldErrors errors = new FieldErrors();
		ValidDetails valid = ValidDetails.check(details, today, errors);
		errors.decimal("weightKg", weightKg, new BigDecimal(MIN_WEIGHT_KG), new BigDecimal(MAX_WEIGHT_KG), "kg", 1);
		errors.decimal("heightCm", heightCm, new BigDecimal(MIN_HEIGHT_CM), new BigDecimal(MAX_HEIGHT_CM), "cm", 1);
		errors.throwIfAny();
		List<Patient> duplicates = this.patients.sameNameAndBirthDate(by.clinicId(), valid.givenName(),
				valid.familyName(), valid.birthDate());
		for (Patient duplicate : duplicates) {
			this.audit.record(by,
					AuditRecord.success("PATIENT_DUPLICATE_SHOWN")
						.target("patient", duplicate.id())
						.patient(duplicate.id())
						.details("same name and birth date as a patient being registered"));
		}
		if (!duplicates.isEmpty() && !despiteDuplicates) {
			return new Registration(Optional.empty(), duplicates);
		}
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		String mrn = this.patients.nextMrn(by.clinicId());
		UUID duplicateOf = duplicates.isEmpty() ? null : duplicates.get(0).id();
		this.patients.insert(by.clinicId(), id, mrn, valid, PatientStatus.INQUIRY, duplicateOf, by.staffId(), now);
		this.patients.insertMeasurement(by.clinicId(), id, today, weightKg, heightCm, by.staffId(), now);
		this.patients.setStatus(by.clinicId(), id, null, PatientStatus.INQUIRY, "Registered", by.staffId(), now);
		this.audit.record(by,
				AuditRecord.success("PATIENT_CREATED")
					.target("patient", id)
					.patient(id)
					.details("MRN " + mrn + ((duplicateOf != null)
							? "; registered although " + duplicates.size() + " patient(s) share name and birth date"
							: "")));
		return new Registration(Optional.of(get(by.clinicId(), id)), duplicates);
	}

	/**
	 * Saves edited details (not weight and height, which are a dated history).
	 * @throws ConflictException when someone else changed the record since
	 * {@code expectedVersion} was read
	 */
	@Transactional
	public Patient update(StaffPrincipal by, UUID patientId, PatientDetails details, int expectedVersion) {
		get(by.clinicId(), patientId);
		FieldErrors errors = new FieldErrors();
		ValidDetails valid = ValidDetails.check(details, today(by), errors);
		errors.throwIfAny();
		if (!this.patients.update(by.clinicId(), patientId, valid, expectedVersion, this.clock.instant())) {
			throw new ConflictException(
					"Someone else changed this patient's record since you opened it; reload it and make your change again");
		}
		this.audit.record(by, AuditRecord.success("PATIENT_UPDATED").target("patient", patientId).patient(patientId));
		return get(by.clinicId(), patientId);
	}

	/**
	 * Adds a dated weight and height to the history.
	 * @param measuredOn ISO date, not in the future; {@code null} or blank for today
	 */
	@Transactional
	public Measurement recordMeasurement(StaffPrincipal by, UUID patientId, String measuredOn, BigDecimal weightKg,
			BigDecimal heightCm) {
		Patient patient = get(by.clinicId(), patientId);
		LocalDate today = today(by);
		FieldErrors errors = new FieldErrors();
		LocalDate day = today;
		if (measuredOn != null && !measuredOn.isBlank()) {
			try {
				day = LocalDate.parse(measuredOn.strip());
				if (day.isAfter(today)) {
					errors.add("measuredOn", "must not be in the future");
				}
				else if (day.isBefore(patient.birthDate())) {
					errors.add("measuredOn", "must not be before the birth date");
				}
			}
			catch (DateTimeParseException ex) {
				errors.add("measuredOn", "must be a date such as 2026-03-02");
			}
		}
		errors.decimal("weightKg", weightKg, new BigDecimal(MIN_WEIGHT_KG), new BigDecimal(MAX_WEIGHT_KG), "kg", 1);
		errors.decimal("heightCm", heightCm, new BigDecimal(MIN_HEIGHT_CM), new BigDecimal(MAX_HEIGHT_CM), "cm", 1);
		errors.throwIfAny();
		this.patients.insertMeasurement(by.clinicId(), patientId, day, weightKg, heightCm, by.staffId(),
				this.clock.instant());
		this.audit.record(by,
				AuditRecord.success("PATIENT_MEASURED")
					.target("patient", patientId)
					.patient(patientId)
					.details(weightKg.toPlainString() + " kg, " + heightCm.toPlainString() + " cm on " + day));
		return this.patients.measurements(by.clinicId(), patientId).get(0);
	}

	/**
	 * Adds today's weight measured at a clinical visit to the history, with the latest
	 * known height (a visit does not measure height).
	 * @return the new measurement, or empty when no height was ever recorded (nothing is
	 * written)
	 * @throws AccessDeniedException unless the caller is a nurse or a physician
	 */
	@Transactional
	public Optional<Measurement> recordVisitWeight(StaffPrincipal by, UUID patientId, BigDecimal weightKg) {
		if (!by.hasRole(Role.NURSE) && !by.hasRole(Role.PHYSICIAN)) {
			throw new AccessDeniedException("A visit's weight is recorded by a nurse or a physician");
		}
		Patient patient = get(by.clinicId(), patientId);
		FieldErrors errors = new FieldErrors();
		errors.decimal("weightKg", weightKg, new BigDecimal(MIN_WEIGHT_KG), new BigDecimal(MAX_WEIGHT_KG), "kg", 1);
		errors.throwIfAny();
		Optional<BigDecimal> height = patient.latestMeasurement().map(Measurement::heightCm);
		if (height.isEmpty()) {
			return Optional.empty();
		}
		this.patients.insertMeasurement(by.clinicId(), patientId, today(by), weightKg, height.get(), by.staffId(),
				this.clock.instant());
		this.audit.record(by,
				AuditRecord.success("PATIENT_MEASURED")
					.target("patient", patientId)
					.patient(patientId)
					.details(weightKg.toPlainString() + " kg at a visit, " + height.get().toPlainString() + " cm"));
		return Optional.of(this.patients.measurements(by.clinicId(), patientId).get(0));
	}

	/** Searches the clinic's patients, a page at a time; audited as one search. */
	@Transactional
	public PatientPage search(StaffPrincipal by, PatientQuery query, int page, int size) {
		int pageSize = Math.min(Math.max(size, 1), 100);
		int pageNumber = Math.max(page, 0);
		List<Patient> found = this.patients.search(by.clinicId(), query, pageNumber * pageSize, pageSize + 1);
		boolean hasNext = found.size() > pageSize;
		List<Patient> shown = hasNext ? found.subList(0, pageSize) : found;
		this.audit.record(by,
				AuditRecord.success("PATIENTS_SEARCHED")
					.details("terms=" + query.terms().stream().map(PatientQuery.Term::text).toList() + " status="
							+ query.status() + " page=" + pageNumber + " shown=" + shown.size()));
		return new PatientPage(List.copyOf(shown), pageNumber, pageSize, hasNext);
	}

	/**
	 * Moves the patient to another status, such as {@code SCREENING} when a screening is
	 * recorded or {@code ELIGIBLE} when a physician approves. Staying in the same status
	 * changes nothing.
	 * @throws RuleViolationException when the step is not one the clinic's path allows,
	 * such as from inquiry straight into a course
	 */
	@Transactional
	public void changeStatus(StaffPrincipal by, UUID patientId, PatientStatus to, String reason) {
		changeStatus(by.clinicId(), patientId, to, reason, by.staffId(), AuditRecord.Actor.of(by));
	}

	/**
	 * KetaCare itself moves the patient to another status, for a rule no staff member
	 * applies (such as the course module's correction of patients left in course by a
	 * course that ended before completing it moved them on). The status history shows the
	 * move as automatic; the audit row names {@code task} as the actor. Staying in the
	 * same status changes nothing, so a task may run again.
	 * @param task what moves the patient, such as {@code system: course status backfill}
	 * @return whether the status changed
	 * @throws RuleViolationException when the step is not one the clinic's path allows
	 */
	@Transactional
	public boolean changeStatusAutomatically(UUID clinicId, UUID patientId, PatientStatus to, String reason,
			String task) {
		return changeStatus(clinicId, patientId, to, reason, null, new AuditRecord.Actor(clinicId, null, task, null));
	}

	private boolean changeStatus(UUID clinicId, UUID patientId, PatientStatus to, String reason, UUID staffId,
			AuditRecord.Actor actor) {
		if (!this.patients.lockForStatusChange(clinicId, patientId)) {
			throw new NotFoundException("Patient " + patientId);
		}
		Patient patient = get(clinicId, patientId);
		if (patient.status() == to) {
			return false;
		}
		if (!NEXT_STATUSES.get(patient.status()).contains(to)) {
			throw new RuleViolationException(
					"A patient in status '" + patient.status().label() + "' cannot move to '" + to.label() + "'");
		}
		this.patients.setStatus(clinicId, patientId, patient.status(), to, reason, staffId, this.clock.instant());
		this.audit.record(AuditRecord.success("PATIENT_STATUS_CHANGED")
			.target("patient", patientId)
			.patient(patientId)
			.details(patient.status() + " -> " + to + ": " + reason)
			.asActor(actor));
		return true;
	}

	/** Whether the patient's current status allows moving to {@code to}. */
	public boolean canMoveTo(Patient patient, PatientStatus to) {
		return patient.status() == to || NEXT_STATUSES.get(patient.status()).contains(to);
	}

	/** Raises a warning shown wherever the patient appears. */
	@Transactional
	public void raiseFlag(StaffPrincipal by, UUID patientId, String kind, String text) {
		get(by.clinicId(), patientId);
		this.patients.insertFlag(by.clinicId(), patientId, kind, text, by.staffId(), this.clock.instant());
		this.audit.record(by,
				AuditRecord.success("PATIENT_FLAGGED")
					.target("patient", patientId)
					.patient(patientId)
					.details(kind + ": " + text));
	}

	/**
	 * KetaCare itself raises a warning shown wherever the patient appears, for a clinical
	 * rule (such as a relapse after the course ended); the audit row names {@code task}.
	 */
	@Transactional
	public void raiseFlagAutomatically(UUID clinicId, UUID patientId, String kind, String text, String task) {
		get(clinicId, patientId);
		this.patients.insertFlag(clinicId, patientId, kind, text, null, this.clock.instant());
		this.audit.record(AuditRecord.success("PATIENT_FLAGGED")
			.target("patient", patientId)
			.patient(patientId)
			.details(kind + ": " + text)
			.asActor(new AuditRecord.Actor(clinicId, null, task, null)));
	}

	/**
	 * Clears the patient's active warnings of one kind, keeping them as history with who
	 * cleared them and why; audited when there was one.
	 * @return whether there was an active warning of that kind
	 */
	@Transactional
	public boolean clearFlags(StaffPrincipal by, UUID patientId, String kind, String reason) {
		if (this.patients.clearFlags(by.clinicId(), patientId, kind, this.clock.instant(), by.staffId(), reason) == 0) {
			return false;
		}
		this.audit.record(by,
				AuditRecord.success("PATIENT_FLAG_CLEARED")
					.target("patient", patientId)
					.patient(patientId)
					.details(kind + ": " + reason));
		return true;
	}

	/**
	 * The clinic's patients with an active warning of the kind, oldest warning first, for
	 * modules that audit each patient they show (such as a worklist on the home page).
	 */
	public List<Patient> flagged(UUID clinicId, String kind) {
		return this.patients.flagged(clinicId, kind).stream().map((id) -> get(clinicId, id)).toList();
	}

	/** Weight and height history, newest first; part of a read the caller audits. */
	List<Measurement> measurements(UUID clinicId, UUID patientId) {
		return this.patients.measurements(clinicId, patientId);
	}

	/** Status history, newest first; part of a read the caller audits. */
	List<StatusChange> statusHistory(UUID clinicId, UUID patientId) {
		return this.patients.statusHistory(clinicId, patientId);
	}

	private LocalDate today(StaffPrincipal by) {
		return LocalDate.now(this.clock.withZone(by.clinicZone()));
	}

}
