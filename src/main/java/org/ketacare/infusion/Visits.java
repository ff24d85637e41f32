package org.ketacare.infusion;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.ketacare.clinic.ClinicSettings;
import org.ketacare.clinic.Clinics;
import org.ketacare.clinic.Signature;
import org.ketacare.clinic.Signatures;
import org.ketacare.course.Appointment;
import org.ketacare.course.AppointmentStatus;
import org.ketacare.course.Courses;
import org.ketacare.course.VisitKind;
import org.ketacare.ledger.Draw;
import org.ketacare.ledger.Ledger;
import org.ketacare.ledger.NewDraw;
import org.ketacare.ledger.NewWaste;
import org.ketacare.ledger.Vial;
import org.ketacare.outcomes.CurrentResponses;
import org.ketacare.outcomes.OpenSafetyAlert;
import org.ketacare.outcomes.Responses;
import org.ketacare.outcomes.SafetyAlerts;
import org.ketacare.patient.Patient;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.patient.SexAtBirth;
import org.ketacare.platform.FieldErrors;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.InvalidInputException.FieldError;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.Role;
import org.ketacare.platform.RuleViolationException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The infusion visit, step by step. Every step locks the visit's row, refuses a closed
 * visit (409), checks all its input before writing anything, and writes one audit row
 * with the patient. The server computes every dose, rate and amount given; the client
 * only says what was observed and decided.
 */
@Service
public class Visits {

	static final Set<Role> CLINICAL = Set.of(Role.NURSE, Role.PHYSICIAN);

	private static final Set<String> ADVERSE_EVENT_TYPES = Set.of("nausea_vomiting", "hypertension", "tachycardia",
			"emergence_reaction", "anxiety", "respiratory_depression", "other");

	/** What an amendment corrects, with the fields it may correct. */
	static final Map<String, List<String>> AMENDABLE_FIELDS = Map.of("vitals",
			List.of("systolic", "diastolic", "heartRate", "spo2", "respiratoryRate"), "adverse-event",
			List.of("description", "severity", "action", "outcome"), "assessment",
			List.of("moaas", "cadss[0]", "cadss[1]", "cadss[2]", "cadss[3]", "cadss[4]", "cadss[5]"), "visit",
			List.of("addendum"));

	/** The target of a late entry (addendum) to the visit as a whole. */
	static final String ADDENDUM_TARGET = "visit";

	private static final Set<String> ADVERSE_EVENT_SEVERITIES = Set.of("MILD", "MODERATE", "SEVERE");

	/** Medication classes the checklist flags, by the names patients use for them. */
	private static final List<List<String>> FLAGGED_MEDICATIONS = List.of(
			List.of("Benzodiazepine", "alprazolam", "lorazepam", "clonazepam", "diazepam", "temazepam", "oxazepam",
					"chlordiazepoxide", "midazolam", "xanax", "ativan", "klonopin", "valium"),
			List.of("Lamotrigine", "lamotrigine", "lamictal"),
			List.of("Stimulant", "amphetamine", "dextroamphetamine", "lisdexamfetamine", "methylphenidate", "modafinil",
					"armodafinil", "adderall", "ritalin", "vyvanse", "concerta"),
			List.of("MAOI", "phenelzine", "tranylcypromine", "isocarboxazid", "selegiline", "moclobemide", "nardil",
					"parnate", "marplan", "emsam"));

	private static final List<String> OVERRIDE_KINDS = List.of("ESCORT", "BLOOD_PRESSURE", "SUICIDE_RISK");

	/** The questionnaires the pre-infusion checks show, from the outcomes module. */
	static final List<String> PRE_INFUSION_INSTRUMENTS = List.of("PHQ-9", "C-SSRS");

	/** The outcomes module's safety rules that block a dose, with what the block says. */
	private static final List<List<String>> SUICIDE_RISK_FLAGS = List.of(
			List.of("SUICIDE_ITEM_POSITIVE", "PHQ-9 item 9 (thoughts of death or self-harm) is answered above 0"),
			List.of("SUICIDE_RISK_MODERATE_OR_HIGH", "The C-SSRS screen shows moderate or high suicide risk"));

	private final VisitRepository visits;

	private final Courses courses;

	private final PatientRegistry patients;

	private final Ledger ledger;

	private final Signatures signatures;

	private final ClinicSettings settings;

	private final Clinics clinics;

	private final Responses responses;

	private final SafetyAlerts safetyAlerts;

	private final AuditLog audit;

	private final Clock clock;

	Visits(VisitRepository visits, Courses courses, PatientRegistry patients, Ledger ledger, Signatures signatures,
			ClinicSettings settings, Clinics clinics, Responses responses, SafetyAlerts safetyAlerts, AuditLog audit,
			Clock clock) {
		this.clinics = clinics;
		this.responses = responses;
		this.safetyAlerts = safetyAlerts;
		this.visits = visits;
		this.courses = courses;
		this.patients = patients;
		this.ledger = ledger;
		this.signatures = signatures;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Checks the patient in for an infusion appointment, from the clinic's check-in
	 * window before its start until its end: the appointment becomes attended and today's
	 * weight joins the patient's weight history. The patient's identity (name and date of
	 * birth) must be confirmed, and the visit records that it was.
	 */
	@Transactional
	public VisitChart.Header checkIn(StaffPrincipal by, UUID appointmentId, VisitCommands.CheckIn command) {
		requireRole(by, "Checking a patient in", CLINICAL);
		FieldErrors errors = new FieldErrors();
		if (!Boolean.TRUE.equals(command.identityConfirmed())) {
			errors.add("identityConfirmed", "must be confirmed: ask the patient's name and date of birth");
		}
		BigDecimal weight = errors.decimal("weightKg", command.weightKg(), new BigDecimal("20"), new BigDecimal("300"),
				"kg", 2);
		String escortName = errors.optionalText("escortName", command.escortName(), 200);
		String escortPhone = errors.optionalText("escortPhone", command.escortPhone(), 40);
		if ((escortName == null) != (escortPhone == null)) {
			errors.add((escortName == null) ? "escortName" : "escortPhone",
					"is required with the escort's " + ((escortName == null) ? "phone" : "name"));
		}
		errors.throwIfAny();
		Appointment appointment = this.courses.appointment(by.clinicId(), appointmentId);
		if (appointment.kind() != VisitKind.INFUSION) {
			throw new ConflictException("This appointment is a " + appointment.kind().code() + ", not an infusion");
		}
		if (appointment.status() == AppointmentStatus.CANCELLED || appointment.status() == AppointmentStatus.NO_SHOW) {
			throw new ConflictException("This appointment is " + appointment.status().label().toLowerCase(Locale.ROOT));
		}
		if (this.visits.appointmentHasVisit(by.clinicId(), appointmentId)) {
			throw new ConflictException("The patient is already checked in for this appointment");
		}
		Instant now = this.clock.instant();
		int before = this.settings.integer(by.clinicId(), InfusionSettings.CHECK_IN_MINUTES_BEFORE);
		Instant opens = appointment.start().minus(Duration.ofMinutes(before));
		if (now.isBefore(opens) || now.isAfter(appointment.end())) {
			throw new ConflictException(
					"Check-in is open from " + before + " minutes before the appointment's start until its end ("
							+ opens + " to " + appointment.end() + ")");
		}
		Patient patient = this.patients.get(by.clinicId(), appointment.patientId());
		BigDecimal height = patient.latestMeasurement().map((m) -> m.heightCm()).orElse(null);
		this.courses.recordCheckIn(by, appointmentId);
		this.patients.recordVisitWeight(by, patient.id(), weight);
		UUID id = UUID.randomUUID();
		this.visits.insertVisit(by.clinicId(), id, appointmentId, patient.id(), appointment.roomId(),
				(appointment.roomName() != null) ? appointment.roomName() : "Room", appointment.start(), weight, height,
				escortName, escortPhone, true, by.staffId(), now);
		audit(by, "VISIT_CHECKED_IN", id, patient.id(), "weight " + DoseCalculator.plain(weight) + " kg, escort "
				+ ((escortName != null) ? escortName : "none"));
		return this.visits.header(by.clinicId(), id).orElseThrow();
	}

	/**
	 * A physician's signed override of the escort, blood-pressure or suicide-risk block.
	 */
	@Transactional
	public VisitChart.Override override(StaffPrincipal by, UUID visitId, VisitCommands.Override command) {
		requireRole(by, "Overriding a pre-infusion block", Set.of(Role.PHYSICIAN));
		FieldErrors errors = new FieldErrors();
		String kind = (command.kind() == null) ? null : command.kind().strip().toUpperCase(Locale.ROOT);
		if (!OVERRIDE_KINDS.contains(kind)) {
			errors.add("kind", "must be escort, blood_pressure or suicide_risk");
		}
		String reason = errors.text("reason", command.reason(), 1000);
		errors.throwIfAny();
		VisitChart.Header visit = open(by, visitId);
		Signature signature = this.signatures.sign(by, command.password(),
				"Override: " + kind.toLowerCase(Locale.ROOT).replace('_', ' '), Set.of(Role.PHYSICIAN));
		UUID id = UUID.randomUUID();
		this.visits.insert("infusion_overrides",
				List.of("clinic_id", "id", "visit_id", "kind", "reason", "signer_id", "signer_name", "signed_at"),
				by.clinicId(), id, visitId, kind, reason, signature.signerId(), signature.signerName(),
				ts(signature.signedAt()));
		audit(by, "VISIT_OVERRIDE", visitId, visit.patientId(), kind + ": " + reason);
		return new VisitChart.Override(id, kind, reason, signature.signerName(), signature.signedAt());
	}

	/** The pre-infusion checklist; a later one replaces an earlier one for the checks. */
	@Transactional
	public VisitChart.Checks recordChecks(StaffPrincipal by, UUID visitId, VisitCommands.Checks command) {
		requireRole(by, "Recording pre-infusion checks", CLINICAL);
		FieldErrors errors = new FieldErrors();
		if (command.fasting() == null) {
			errors.add("fasting", "is required (true or false)");
		}
		String test = (command.pregnancyTest() == null) ? "" : command.pregnancyTest().strip().toUpperCase(Locale.ROOT);
		if (!Set.of("NEGATIVE", "POSITIVE", "NOT_APPLICABLE").contains(test)) {
			errors.add("pregnancyTest", "must be negative, positive or not_applicable");
		}
		List<String> medications = new ArrayList<>();
		if (command.newMedications() != null) {
			for (int i = 0; i < command.newMedications().size(); i++) {
				String medication = command.newMedications().get(i);
				if (medication == null || medication.isBlank() || medication.length() > 200) {
					errors.add("newMedications[" + i + "]", "must be 1 to 200 characters");
				}
				else {
					medications.add(medication.strip().replace('\n', ' '));
				}
			}
		}
		errors.throwIfAny();
		VisitChart.Header visit = open(by, visitId);
		List<String> flagged = flag(medications);
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.visits.insert("infusion_checks",
				List.of("clinic_id", "id", "visit_id", "fasting", "pregnancy_test", "new_medications", "flagged",
						"recorded_by", "recorded_at"),
				by.clinicId(), id, visitId, command.fasting(), test, String.join("\n", medications),
				String.join("\n", flagged), by.staffId(), ts(now));
		audit(by, "VISIT_CHECKS_RECORDED", visitId, visit.patientId(),
				"pregnancy test " + test.toLowerCase(Locale.ROOT) + ", fasting " + command.fasting()
						+ (flagged.isEmpty() ? "" : ", flagged: " + String.join("; ", flagged)));
		return new VisitChart.Checks(id, command.fasting(), test.toLowerCase(Locale.ROOT), medications, flagged,
				by.displayName(), now);
	}

	static List<String> flag(List<String> medications) {
		List<String> flagged = new ArrayList<>();
		for (String medication : medications) {
			String lower = medication.toLowerCase(Locale.ROOT);
			for (List<String> drugClass : FLAGGED_MEDICATIONS) {
				if (drugClass.subList(1, drugClass.size()).stream().anyMatch(lower::contains)) {
					flagged.add(drugClass.get(0) + ": " + medication);
				}
			}
		}
		return flagged;
	}

	/** One set of vital signs; the alarms it raises come back with it. */
	@Transactional
	public VitalsRecorded recordVitals(StaffPrincipal by, UUID visitId, VisitCommands.Vitals command) {
		requireRole(by, "Recording vital signs", CLINICAL);
		VitalSigns vitals = new VitalSigns(command.systolic(), command.diastolic(), command.heartRate(), command.spo2(),
				command.respiratoryRate());
		List<FieldError> problems = new ArrayList<>(vitals.problems());
		Instant now = this.clock.instant();
		Instant takenAt = (command.takenAt() != null) ? command.takenAt().toInstant() : now;
		if (takenAt.isAfter(now.plus(Duration.ofMinutes(1)))) {
			problems.add(new FieldError("takenAt", "must not be in the future"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		VisitChart.Header visit = open(by, visitId);
		if (takenAt.isBefore(visit.checkedInAt().minus(Duration.ofMinutes(5)))) {
			throw new InvalidInputException("takenAt", "must not be before the check-in");
		}
		String stage = switch (visit.status()) {
			case INFUSING, PAUSED -> "INFUSION";
			case RECOVERY, DISCHARGED -> "RECOVERY";
			default -> "PRE_INFUSION";
		};
		UUID id = UUID.randomUUID();
		this.visits.insert("infusion_vitals",
				List.of("clinic_id", "id", "visit_id", "taken_at", "stage", "systolic", "diastolic", "heart_rate",
						"spo2", "respiratory_rate", "recorded_by", "recorded_at"),
				by.clinicId(), id, visitId, ts(takenAt), stage, vitals.systolic(), vitals.diastolic(),
				vitals.heartRate(), vitals.spo2(), vitals.respiratoryRate(), by.staffId(), ts(now));
		List<Alarms.Alarm> raised = Alarms.evaluate(vitals, thresholds(by.clinicId()));
		List<VisitChart.Alarm> alarms = new ArrayList<>();
		for (Alarms.Alarm alarm : raised) {
			UUID alarmId = UUID.randomUUID();
			this.visits.insert("infusion_alarms",
					List.of("clinic_id", "id", "visit_id", "vitals_id", "code", "message", "raised_at"), by.clinicId(),
					alarmId, visitId, id, alarm.code(), alarm.message(), ts(now));
			alarms.add(new VisitChart.Alarm(alarmId, id, alarm.code(), alarm.message(), now, null, null, null, null));
		}
		audit(by, "VISIT_VITALS_RECORDED", visitId, visit.patientId(),
				vitals.systolic() + "/" + vitals.diastolic() + " mmHg, HR " + vitals.heartRate() + ", SpO2 "
						+ vitals.spo2() + "%, RR " + vitals.respiratoryRate()
						+ (alarms.isEmpty() ? "" : ", alarms: " + raised.stream().map(Alarms.Alarm::code).toList()));
		return new VitalsRecorded(id, stage, alarms);
	}

	/** A recorded set of vitals and the alarms it raised. */
	public record VitalsRecorded(UUID id, String stage, List<VisitChart.Alarm> alarms) {
	}

	Alarms.Thresholds thresholds(UUID clinicId) {
		return new Alarms.Thresholds(this.settings.integer(clinicId, "alarm.max-systolic-mmhg"),
				this.settings.integer(clinicId, "alarm.max-diastolic-mmhg"),
				this.settings.integer(clinicId, "alarm.max-heart-rate-bpm"),
				this.settings.integer(clinicId, "alarm.min-heart-rate-bpm"),
				this.settings.integer(clinicId, "alarm.min-spo2-percent"));
	}

	/** The response to an alarm; pausing also pauses a running infusion. */
	@Transactional
	public void respondToAlarm(StaffPrincipal by, UUID visitId, UUID alarmId, VisitCommands.AlarmResponse command) {
		requireRole(by, "Responding to an alarm", CLINICAL);
		FieldErrors errors = new FieldErrors();
		String response = errors.text("response", command.response(), 1000);
		boolean pause = Boolean.TRUE.equals(command.pause());
		errors.throwIfAny();
		VisitChart.Header visit = open(by, visitId);
		VisitChart.Alarm alarm = this.visits.alarms(by.clinicId(), visitId)
			.stream()
			.filter((a) -> a.id().equals(alarmId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Alarm " + alarmId));
		if (!alarm.isOpen()) {
			throw new ConflictException("This alarm was answered already by " + alarm.respondedByName());
		}
		Instant now = this.clock.instant();
		if (pause && visit.status() != VisitStatus.INFUSING) {
			throw new ConflictException("The infusion is not running, so it cannot be paused");
		}
		this.visits.insert("infusion_alarm_responses",
				List.of("clinic_id", "alarm_id", "response", "paused", "responded_by", "responded_at"), by.clinicId(),
				alarmId, response, pause, by.staffId(), ts(now));
		if (pause) {
			addEvent(by, visit, InfusionTimeline.Kind.PAUSE, null, "Alarm: " + alarm.message() + " — " + response, now);
			this.visits.changeStatus(by.clinicId(), visitId, visit.version(), VisitStatus.PAUSED, null, null);
		}
		audit(by, "VISIT_ALARM_ANSWERED", visitId, visit.patientId(),
				alarm.code() + ": " + response + (pause ? " (infusion paused)" : ""));
	}

	/**
	 * Why a dose cannot be ordered now, in words; empty when it can. The latest blood
	 * pressure, the escort, the checklist, the pregnancy test and the suicide-risk
	 * questionnaires are judged here and nowhere else.
	 */
	List<String> blocks(UUID clinicId, VisitChart.Header visit) {
		List<String> blocks = new ArrayList<>();
		List<VisitChart.Override> overrides = this.visits.overrides(clinicId, visit.id());
		for (VisitChart.Questionnaire questionnaire : questionnaires(clinicId, visit)) {
			boolean overridden = overrides.stream()
				.anyMatch((o) -> o.kind().equals("SUICIDE_RISK") && questionnaire.recordedAt() != null
						&& !o.signedAt().isBefore(questionnaire.recordedAt()));
			for (List<String> flag : SUICIDE_RISK_FLAGS) {
				if (questionnaire.flags().contains(flag.get(0)) && !overridden) {
					blocks.add(flag.get(1) + " (" + flag.get(0)
							+ "): a physician assesses the patient and overrides with a signed reason");
				}
			}
		}
		if (visit.escortName() == null && overrides.stream().noneMatch((o) -> o.kind().equals("ESCORT"))) {
			blocks
				.add("No escort is recorded: the patient may not drive today; a physician may override with a reason");
		}
		List<VisitChart.Checks> checks = this.visits.checks(clinicId, visit.id());
		if (checks.isEmpty()) {
			blocks.add("The pre-infusion checklist is missing");
		}
		else {
			VisitChart.Checks latest = checks.get(checks.size() - 1);
			if (latest.pregnancyTest().equals("positive")) {
				blocks.add("The pregnancy test is positive");
			}
			else if (latest.pregnancyTest().equals("not_applicable") && pregnancyPossible(clinicId, visit)) {
				blocks.add("A pregnancy test result is missing: pregnancy is possible for this patient");
			}
		}
		Optional<VisitChart.Vitals> latest = this.visits.latestVitals(clinicId, visit.id());
		if (latest.isEmpty()) {
			blocks.add("No pre-infusion vital signs are recorded");
		}
		else {
			int maxSystolic = this.settings.integer(clinicId, InfusionSettings.START_MAX_SYSTOLIC);
			int maxDiastolic = this.settings.integer(clinicId, InfusionSettings.START_MAX_DIASTOLIC);
			VisitChart.Vitals vitals = latest.get();
			VitalSigns signs = new VitalSigns(vitals.systolic(), vitals.diastolic(), vitals.heartRate(), vitals.spo2(),
					vitals.respiratoryRate());
			boolean overridden = overrides.stream()
				.anyMatch((o) -> o.kind().equals("BLOOD_PRESSURE") && !o.signedAt().isBefore(vitals.takenAt()));
			if (Alarms.aboveStartLimit(signs, maxSystolic, maxDiastolic) && !overridden) {
				blocks.add("The latest blood pressure " + vitals.systolic() + "/" + vitals.diastolic()
						+ " mmHg is above " + maxSystolic + "/" + maxDiastolic
						+ ": re-measure, or a physician overrides with a signed reason");
			}
		}
		return blocks;
	}

	private boolean pregnancyPossible(UUID clinicId, VisitChart.Header visit) {
		Patient patient = this.patients.get(clinicId, visit.patientId());
		// Not asked counts as possible: a missing answer never lets a dose through.
		return !Boolean.FALSE.equals(patient.pregnancyPossible());
	}

	/** The physician's signed dose order, computed here from the visit's weight. */
	@Transactional
	public VisitChart.DoseOrder orderDose(StaffPrincipal by, UUID visitId, VisitCommands.DoseOrder command) {
		requireRole(by, "Ordering a dose", Set.of(Role.PHYSICIAN));
		FieldErrors errors = new FieldErrors();
		BigDecimal mgPerKg = command.mgPerKg();
		if (mgPerKg == null) {
			errors.add("mgPerKg", "is required");
		}
		else if (mgPerKg.signum() <= 0 || mgPerKg.scale() > 3) {
			errors.add("mgPerKg", "must be a positive number with at most 3 decimals");
		}
		Integer duration = command.durationMinutes();
		if (duration != null && (duration < 1 || duration > 240)) {
			errors.add("durationMinutes", "must be between 1 and 240 minutes");
		}
		WeightBasis basis = (command.weightBasis() == null) ? WeightBasis.ACTUAL
				: WeightBasis.parse(command.weightBasis());
		if (basis == null) {
			errors.add("weightBasis", "must be actual, ideal or adjusted");
		}
		String reason = errors.optionalText("reason", command.reason(), 1000);
		errors.throwIfAny();
		UUID clinic = by.clinicId();
		VisitChart.Header visit = open(by, visitId);
		if (visit.status() != VisitStatus.CHECKED_IN) {
			throw new ConflictException("A dose is already ordered for this visit");
		}
		List<String> blocks = blocks(clinic, visit);
		if (!blocks.isEmpty()) {
			throw new ConflictException("The dose cannot be ordered: " + String.join("; ", blocks));
		}
		BigDecimal minimum = this.settings.decimal(clinic, InfusionSettings.DOSE_MINIMUM);
		BigDecimal maximum = this.settings.decimal(clinic, InfusionSettings.DOSE_MAXIMUM);
		boolean outsideRange = mgPerKg.compareTo(minimum) < 0 || mgPerKg.compareTo(maximum) > 0;
		if (outsideRange && reason == null) {
			throw new RuleViolationException("mgPerKg " + DoseCalculator.plain(mgPerKg)
					+ " is outside the clinic's range " + DoseCalculator.plain(minimum) + "–"
					+ DoseCalculator.plain(maximum) + " mg/kg: give a reason");
		}
		int minutes = (duration != null) ? duration : this.settings.integer(clinic, InfusionSettings.DURATION);
		Patient patient = this.patients.get(clinic, visit.patientId());
		DoseCalculator.Dose dose;
		try {
			dose = DoseCalculator.compute(new DoseCalculator.Input(mgPerKg, basis, visit.weightKg(), visit.heightCm(),
					sex(patient.sexAtBirth()), this.settings.decimal(clinic, InfusionSettings.BMI_THRESHOLD),
					this.settings.decimal(clinic, InfusionSettings.ADJUSTED_FACTOR), minutes,
					this.settings.decimal(clinic, InfusionSettings.BAG_VOLUME_ML)));
		}
		catch (DoseCalculator.BasisNotAllowed ex) {
			throw new RuleViolationException("weightBasis " + basis.code() + " " + ex.getMessage());
		}
		Signature signature = this.signatures.sign(by, command.password(),
				"Dose order " + DoseCalculator.plain(dose.doseMg()) + " mg", Set.of(Role.PHYSICIAN));
		this.visits.insert("infusion_dose_orders",
				List.of("clinic_id", "visit_id", "mg_per_kg", "weight_basis", "basis_weight_kg", "duration_minutes",
						"dose_mg", "rate_mg_per_hour", "bag_volume_ml", "concentration_mg_per_ml", "rate_ml_per_hour",
						"arithmetic", "reason", "signer_id", "signer_name", "signed_at"),
				clinic, visitId, mgPerKg, basis.name(), dose.basisWeightKg(), minutes, dose.doseMg(),
				dose.rateMgPerHour(), this.settings.decimal(clinic, InfusionSettings.BAG_VOLUME_ML),
				dose.concentrationMgPerMl(), dose.rateMlPerHour(), String.join("\n", dose.arithmetic()), reason,
				signature.signerId(), signature.signerName(), ts(signature.signedAt()));
		this.visits.changeStatus(clinic, visitId, visit.version(), VisitStatus.ORDERED, null, null);
		audit(by, "VISIT_DOSE_ORDERED", visitId, visit.patientId(),
				DoseCalculator.plain(mgPerKg) + " mg/kg × " + DoseCalculator.plain(dose.basisWeightKg()) + " kg ("
						+ basis.code() + ") = " + DoseCalculator.plain(dose.doseMg()) + " mg over " + minutes + " min"
						+ ((reason != null) ? ", reason: " + reason : ""));
		return this.visits.doseOrder(clinic, visitId).orElseThrow();
	}

	private static DoseCalculator.Sex sex(SexAtBirth sex) {
		if (sex == SexAtBirth.MALE) {
			return DoseCalculator.Sex.MALE;
		}
		return (sex == SexAtBirth.FEMALE) ? DoseCalculator.Sex.FEMALE : DoseCalculator.Sex.UNKNOWN;
	}

	/**
	 * The IV line and the bag: the vials are drawn from the ledger (which refuses expired
	 * and quarantined ones), and a second person checks with their password.
	 */
	@Transactional
	public VisitChart.Preparation prepare(StaffPrincipal by, UUID visitId, VisitCommands.Preparation command) {
		requireRole(by, "Preparing the IV", CLINICAL);
		FieldErrors errors = new FieldErrors();
		String site = errors.text("site", command.site(), 100);
		if (command.gauge() == null || command.gauge() < 14 || command.gauge() > 26) {
			errors.add("gauge", "must be between 14 and 26");
		}
		List<VisitCommands.VialDraw> vials = (command.vials() != null) ? command.vials() : List.of();
		if (vials.isEmpty()) {
			errors.add("vials", "must name at least one vial and the mg drawn from it");
		}
		for (int i = 0; i < vials.size(); i++) {
			VisitCommands.VialDraw vial = vials.get(i);
			if (vial == null || vial.vialId() == null) {
				errors.add("vials[" + i + "].vialId", "is required");
			}
			if (vial == null || vial.mg() == null || vial.mg().signum() <= 0 || vial.mg().scale() > 1) {
				errors.add("vials[" + i + "].mg", "must be a positive number of mg with at most 1 decimal");
			}
		}
		BigDecimal drawnMl = errors.decimal("drawnMl", command.drawnMl(), new BigDecimal("0.01"), new BigDecimal("100"),
				"mL", 2);
		String diluent = errors.text("diluent", command.diluent(), 100);
		BigDecimal finalVolume = errors.decimal("finalVolumeMl", command.finalVolumeMl(), BigDecimal.ONE,
				new BigDecimal("1000"), "mL", 2);
		errors.throwIfAny();
		VisitChart.Header visit = open(by, visitId);
		if (visit.status() != VisitStatus.ORDERED) {
			throw new ConflictException((visit.status() == VisitStatus.CHECKED_IN)
					? "No dose is ordered yet: the IV is prepared for a signed order" : "The IV is already prepared");
		}
		VisitChart.DoseOrder order = this.visits.doseOrder(by.clinicId(), visitId).orElseThrow();
		BigDecimal total = vials.stream().map(VisitCommands.VialDraw::mg).reduce(BigDecimal.ZERO, BigDecimal::add);
		if (total.compareTo(order.doseMg()) < 0) {
			throw new RuleViolationException("The vials give " + DoseCalculator.plain(total) + " mg, less than the "
					+ DoseCalculator.plain(order.doseMg()) + " mg ordered");
		}
		Signature checker = this.signatures.witness(by, command.checkerUsername(), command.checkerPassword(),
				"Second-person check of the IV preparation", CLINICAL);
		Instant now = this.clock.instant();
		for (int i = 0; i < vials.size(); i++) {
			VisitCommands.VialDraw wanted = vials.get(i);
			Draw draw = this.ledger.draw(by, new NewDraw(wanted.vialId(), visitId, visit.patientId(), wanted.mg(),
					"visit-" + visitId + "-vial-" + i));
			Vial vial = this.ledger.vial(by.clinicId(), wanted.vialId());
			this.visits.insert("infusion_draws",
					List.of("clinic_id", "visit_id", "draw_id", "vial_label", "product", "lot", "expiry", "mg"),
					by.clinicId(), visitId, draw.id(), vial.label(), vial.productName() + " " + vial.strength(),
					vial.lot(), vial.expiry(), draw.drawnMg());
		}
		BigDecimal concentration = order.doseMg().divide(finalVolume, 4, java.math.RoundingMode.HALF_UP);
		this.visits.insert("infusion_preparations",
				List.of("clinic_id", "visit_id", "site", "gauge", "drawn_ml", "diluent", "final_volume_ml",
						"final_concentration_mg_per_ml", "prepared_by", "checker_id", "checker_name", "prepared_at"),
				by.clinicId(), visitId, site, command.gauge(), drawnMl, diluent, finalVolume, concentration,
				by.staffId(), checker.signerId(), checker.signerName(), ts(now));
		this.visits.changeStatus(by.clinicId(), visitId, visit.version(), VisitStatus.PREPARED, null, null);
		audit(by, "VISIT_IV_PREPARED", visitId, visit.patientId(), DoseCalculator.plain(total) + " mg drawn from "
				+ vials.size() + " vial(s), checked by " + checker.signerName());
		return this.visits.preparation(by.clinicId(), visitId).orElseThrow();
	}

	/**
	 * Start, pause, resume, rate change or stop. Stopping computes the mg given from the
	 * timeline and records it in the ledger against the visit's draws.
	 */
	@Transactional
	public VisitChart.Header timeline(StaffPrincipal by, UUID visitId, VisitCommands.TimelineEvent command) {
		requireRole(by, "Running the infusion", CLINICAL);
		FieldErrors errors = new FieldErrors();
		InfusionTimeline.Kind kind = null;
		try {
			kind = InfusionTimeline.Kind.valueOf(
					(command.kind() == null) ? "" : command.kind().strip().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			errors.add("kind", "must be start, pause, resume, rate_change or stop");
		}
		String reason = errors.optionalText("reason", command.reason(), 500);
		if ((kind == InfusionTimeline.Kind.PAUSE || kind == InfusionTimeline.Kind.RATE_CHANGE) && reason == null) {
			errors.add("reason",
					"is required to " + ((kind == InfusionTimeline.Kind.PAUSE) ? "pause" : "change the rate"));
		}
		BigDecimal rate = command.rateMgPerHour();
		if (kind == InfusionTimeline.Kind.RATE_CHANGE
				&& (rate == null || rate.signum() <= 0 || rate.compareTo(new BigDecimal("10000")) > 0)) {
			errors.add("rateMgPerHour", "must be a positive rate in mg/h");
		}
		errors.throwIfAny();
		Instant clockNow = this.clock.instant();
		// Charted a little late is normal at the bedside: the event carries the time it
		// happened.
		Instant now = (command.at() != null) ? command.at().toInstant() : clockNow;
		if (now.isAfter(clockNow.plus(Duration.ofMinutes(1)))) {
			throw new InvalidInputException("at", "must not be in the future");
		}
		VisitChart.Header visit = open(by, visitId);
		List<VisitChart.Event> earlier = this.visits.events(by.clinicId(), visitId);
		Instant notBefore = earlier.isEmpty() ? visit.checkedInAt() : earlier.get(earlier.size() - 1).at();
		if (now.isBefore(notBefore)) {
			throw new InvalidInputException("at", "must not be before " + notBefore
					+ (earlier.isEmpty() ? " (the check-in)" : " (the previous event)"));
		}
		VisitChart.DoseOrder order = this.visits.doseOrder(by.clinicId(), visitId).orElse(null);
		switch (kind) {
			case START -> {
				require(visit.status() == VisitStatus.PREPARED, "The infusion starts once the IV is prepared");
				addEvent(by, visit, kind, order.rateMgPerHour(), reason, now);
				this.visits.changeStatus(by.clinicId(), visitId, visit.version(), VisitStatus.INFUSING,
						"infusion_started_at", now);
			}
			case PAUSE -> {
				require(visit.status() == VisitStatus.INFUSING, "Only a running infusion can be paused");
				addEvent(by, visit, kind, null, reason, now);
				this.visits.changeStatus(by.clinicId(), visitId, visit.version(), VisitStatus.PAUSED, null, null);
			}
			case RESUME -> {
				require(visit.status() == VisitStatus.PAUSED, "Only a paused infusion can be resumed");
				addEvent(by, visit, kind, null, reason, now);
				this.visits.changeStatus(by.clinicId(), visitId, visit.version(), VisitStatus.INFUSING, null, null);
			}
			case RATE_CHANGE -> {
				require(visit.status() == VisitStatus.INFUSING || visit.status() == VisitStatus.PAUSED,
						"The rate changes during the infusion");
				addEvent(by, visit, kind, rate.setScale(2, java.math.RoundingMode.HALF_UP), reason, now);
			}
			case STOP -> {
				require(visit.status() == VisitStatus.INFUSING || visit.status() == VisitStatus.PAUSED,
						"Only a running or paused infusion can be stopped");
				addEvent(by, visit, kind, null, reason, now);
				stop(by, visit, now);
			}
		}
		audit(by, "VISIT_INFUSION_" + kind.name(), visitId, visit.patientId(),
				((rate != null && kind == InfusionTimeline.Kind.RATE_CHANGE) ? DoseCalculator.plain(rate) + " mg/h"
						: "") + ((reason != null) ? " " + reason : ""));
		return this.visits.header(by.clinicId(), visitId).orElseThrow();
	}

	private void stop(StaffPrincipal by, VisitChart.Header visit, Instant now) {
		List<VisitChart.DrawnVial> draws = this.visits.draws(by.clinicId(), visit.id());
		BigDecimal drawn = draws.stream().map(VisitChart.DrawnVial::mg).reduce(BigDecimal.ZERO, BigDecimal::add);
		List<InfusionTimeline.Event> events = this.visits.events(by.clinicId(), visit.id())
			.stream()
			.map((e) -> new InfusionTimeline.Event(InfusionTimeline.Kind.valueOf(e.kind()), e.at(), e.rateMgPerHour()))
			.toList();
		BigDecimal given = InfusionTimeline.administeredMg(events, now, drawn);
		BigDecimal left = given;
		for (VisitChart.DrawnVial draw : draws) {
			BigDecimal fromThis = left.min(draw.mg());
			if (fromThis.signum() > 0) {
				this.ledger.recordAdministered(by, draw.drawId(), visit.patientId(), fromThis,
						"visit-" + visit.id() + "-given-" + draw.drawId());
			}
			left = left.subtract(fromThis);
		}
		this.visits.changeStatus(by.clinicId(), visit.id(), visit.version(), VisitStatus.RECOVERY, "infusion_ended_at",
				now);
		this.visits.recordAdministered(by.clinicId(), visit.id(), given);
	}

	/** Wastes what is left of every draw of the visit in front of a witness. */
	@Transactional
	public List<VisitChart.DrawnVial> wasteRemainder(StaffPrincipal by, UUID visitId, VisitCommands.Waste command) {
		requireRole(by, "Wasting the remainder", CLINICAL);
		FieldErrors errors = new FieldErrors();
		String method = errors.text("method", command.method(), 200);
		errors.throwIfAny();
		VisitChart.Header visit = open(by, visitId);
		require(visit.infusionEndedAt() != null, "The remainder is wasted after the infusion has stopped");
		int wasted = 0;
		for (VisitChart.DrawnVial drawn : this.visits.draws(by.clinicId(), visitId)) {
			Draw draw = this.ledger.draw(by.clinicId(), drawn.drawId());
			if (draw.remainingMg().signum() > 0) {
				this.ledger.waste(by,
						new NewWaste(draw.id(), null, draw.remainingMg(), method, command.witnessUsername(),
								command.witnessPassword(), "visit-" + visitId + "-waste-" + draw.id()));
				wasted++;
			}
		}
		require(wasted > 0, "Nothing is left to waste: every mg drawn was given or wasted");
		audit(by, "VISIT_REMAINDER_WASTED", visitId, visit.patientId(), method);
		return this.visits.draws(by.clinicId(), visitId);
	}

	/** CADSS-6 (items 1, 2, 6, 7, 15 and 22, each 0–4) and MOAA/S sedation (0–5). */
	@Transactional
	public VisitChart.Assessment assess(StaffPrincipal by, UUID visitId, VisitCommands.Assessment command) {
		requireRole(by, "Rating dissociation and sedation", CLINICAL);
		MonitoringRatings ratings = new MonitoringRatings(command.cadss(), command.moaas());
		List<FieldError> problems = ratings.problems();
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		VisitChart.Header visit = open(by, visitId);
		List<Integer> items = ratings.cadss();
		int total = ratings.cadssTotal();
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.visits.insert("infusion_assessments",
				List.of("clinic_id", "id", "visit_id", "taken_at", "cadss_items", "cadss_total", "moaas",
						"recorded_by"),
				by.clinicId(), id, visitId, ts(now), String.join(",", items.stream().map(String::valueOf).toList()),
				total, command.moaas(), by.staffId());
		audit(by, "VISIT_ASSESSMENT_RECORDED", visitId, visit.patientId(),
				"CADSS-6 " + total + ", MOAA/S " + command.moaas());
		return new VisitChart.Assessment(id, now, items, total, command.moaas(), by.displayName());
	}

	@Transactional
	public VisitChart.AdverseEvent adverseEvent(StaffPrincipal by, UUID visitId, VisitCommands.AdverseEvent command) {
		requireRole(by, "Recording an adverse event", CLINICAL);
		FieldErrors errors = new FieldErrors();
		VisitCommands.AdverseEvent event = checkAdverseEvent(errors, command);
		errors.throwIfAny();
		VisitChart.Header visit = open(by, visitId);
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.visits.insert("infusion_adverse_events",
				List.of("clinic_id", "id", "visit_id", "type", "description", "severity", "action", "outcome", "at",
						"recorded_by"),
				by.clinicId(), id, visitId, event.type(), event.description(), event.severity(), event.action(),
				event.outcome(), ts(now), by.staffId());
		audit(by, "VISIT_ADVERSE_EVENT", visitId, visit.patientId(), event.type() + " ("
				+ event.severity().toLowerCase(Locale.ROOT) + "): " + event.action() + " → " + event.outcome());
		return new VisitChart.AdverseEvent(id, event.type(), event.description(), event.severity(), event.action(),
				event.outcome(), now, by.displayName());
	}

	/**
	 * The rules of an adverse event, for recording and for amending one: the event as
	 * stored (type in lower case, severity in upper case, texts stripped, a blank
	 * description {@code null}), its broken rules added to {@code errors}.
	 */
	private static VisitCommands.AdverseEvent checkAdverseEvent(FieldErrors errors,
			VisitCommands.AdverseEvent command) {
		String type = (command.type() == null) ? "" : command.type().strip().toLowerCase(Locale.ROOT);
		if (!ADVERSE_EVENT_TYPES.contains(type)) {
			errors.add("type", "must be one of " + ADVERSE_EVENT_TYPES.stream().sorted().toList());
		}
		String description = errors.optionalText("description", command.description(), 1000);
		if ("other".equals(type) && description == null) {
			errors.add("description", "is required for another adverse event");
		}
		String severity = (command.severity() == null) ? "" : command.severity().strip().toUpperCase(Locale.ROOT);
		if (!ADVERSE_EVENT_SEVERITIES.contains(severity)) {
			errors.add("severity", "must be mild, moderate or severe");
		}
		String action = errors.text("action", command.action(), 500);
		String outcome = errors.text("outcome", command.outcome(), 500);
		return new VisitCommands.AdverseEvent(type, description, severity, action, outcome);
	}

	/** Discharge after the minimum observation, every criterion met, signed. */
	@Transactional
	public VisitChart.Discharge discharge(StaffPrincipal by, UUID visitId, VisitCommands.Discharge command) {
		requireRole(by, "Discharging a patient", CLINICAL);
		List<FieldError> unmet = new ArrayList<>();
		criterion(unmet, "vitalsNearBaseline", command.vitalsNearBaseline(), "vital signs near baseline");
		criterion(unmet, "alertAndOriented", command.alertAndOriented(), "alert and oriented");
		criterion(unmet, "walksSteadily", command.walksSteadily(), "walks steadily");
		criterion(unmet, "minimalNausea", command.minimalNausea(), "no more than minimal nausea");
		criterion(unmet, "escortPresent", command.escortPresent(), "escort present");
		if (!unmet.isEmpty()) {
			throw new InvalidInputException(unmet);
		}
		VisitChart.Header visit = open(by, visitId);
		require(visit.status() == VisitStatus.RECOVERY, "A patient is discharged from recovery, after the infusion");
		Instant now = this.clock.instant();
		int minimum = this.settings.integer(by.clinicId(), InfusionSettings.MINIMUM_OBSERVATION);
		Instant earliest = visit.infusionEndedAt().plus(Duration.ofMinutes(minimum));
		if (now.isBefore(earliest)) {
			throw new ConflictException("The minimum observation of " + minimum
					+ " minutes after the infusion ends lasts until " + earliest);
		}
		Signature signature = this.signatures.sign(by, command.password(), "Discharge criteria met", CLINICAL);
		this.visits.insert("infusion_discharges",
				List.of("clinic_id", "visit_id", "vitals_near_baseline", "alert_and_oriented", "walks_steadily",
						"minimal_nausea", "escort_present", "signer_id", "signer_name", "signed_at"),
				by.clinicId(), visitId, true, true, true, true, true, signature.signerId(), signature.signerName(),
				ts(signature.signedAt()));
		this.visits.changeStatus(by.clinicId(), visitId, visit.version(), VisitStatus.DISCHARGED, "discharged_at", now);
		audit(by, "VISIT_DISCHARGED", visitId, visit.patientId(), "criteria met, signed by " + signature.signerName());
		return this.visits.discharge(by.clinicId(), visitId).orElseThrow();
	}

	private static void criterion(List<FieldError> unmet, String field, Boolean value, String what) {
		if (!Boolean.TRUE.equals(value)) {
			unmet.add(new FieldError(field, "must be confirmed (" + what + ") before discharge"));
		}
	}

	/**
	 * The nurse's or the physician's closing signature; with both, the ledger closes the
	 * visit (drawn = given + wasted) and the chart becomes read-only.
	 */
	@Transactional
	public VisitChart.Header sign(StaffPrincipal by, UUID visitId, VisitCommands.Sign command) {
		requireRole(by, "Signing the chart", CLINICAL);
		VisitChart.Header visit = open(by, visitId);
		require(visit.status() == VisitStatus.DISCHARGED, "The chart is signed after the discharge");
		String role = by.hasRole(Role.PHYSICIAN) ? "PHYSICIAN" : "NURSE";
		List<VisitChart.SignatureRow> signed = this.visits.signatures(by.clinicId(), visitId);
		if (signed.stream().anyMatch((s) -> s.role().equals(role))) {
			throw new ConflictException(
					"The " + role.toLowerCase(Locale.ROOT) + "'s signature is already on this chart");
		}
		Signature signature = this.signatures.sign(by, command.password(),
				"Infusion chart signed (" + role.toLowerCase(Locale.ROOT) + ")", CLINICAL);
		this.visits.insert("infusion_signatures",
				List.of("clinic_id", "visit_id", "role", "signer_id", "signer_name", "signed_at", "meaning"),
				by.clinicId(), visitId, role, signature.signerId(), signature.signerName(), ts(signature.signedAt()),
				signature.meaning());
		audit(by, "VISIT_SIGNED", visitId, visit.patientId(), role.toLowerCase(Locale.ROOT));
		if (signed.size() + 1 == 2) {
			this.ledger.closeVisit(by.clinicId(), visitId);
			this.visits.changeStatus(by.clinicId(), visitId, visit.version(), VisitStatus.CLOSED, "closed_at",
					this.clock.instant());
			audit(by, "VISIT_CLOSED", visitId, visit.patientId(), "nurse and physician signed");
		}
		return this.visits.header(by.clinicId(), visitId).orElseThrow();
	}

	/**
	 * A correction of a recorded entry (vital signs, an adverse event, a monitoring
	 * assessment) or a late entry to the visit as a whole (an addendum), at any time,
	 * also once the chart is signed: the original stays and both are shown. A corrected
	 * value follows the same rules as when it was recorded, checked on the entry as
	 * corrected so far; its errors are on {@code value} and name the amended field.
	 */
	@Transactional
	public VisitChart.Amendment amend(StaffPrincipal by, UUID visitId, VisitCommands.Amendment command) {
		requireRole(by, "Amending the chart", CLINICAL);
		FieldErrors errors = new FieldErrors();
		String target = command.target();
		List<String> fields = (target != null) ? AMENDABLE_FIELDS.get(target) : null;
		if (fields == null) {
			errors.add("target", "must be one of " + AMENDABLE_FIELDS.keySet().stream().sorted().toList());
		}
		else if (!fields.contains(command.field())) {
			errors.add("field", "must be one of " + fields);
		}
		boolean addendum = ADDENDUM_TARGET.equals(target);
		if (command.targetId() == null && !addendum) {
			errors.add("targetId", "is required");
		}
		// A correction states the new value: a wrong entry is corrected, never blanked
		// out.
		String value = errors.text("value", command.value(), addendum ? 4000 : 1000);
		// A late entry needs a reason too (why it was not recorded at the time), as
		// documentation of late entries asks, so every amendment reads the same way.
		boolean numeric = "vitals".equals(target) || "assessment".equals(target);
		Integer number = null;
		if (numeric && value != null) {
			try {
				number = Integer.valueOf(value);
			}
			catch (NumberFormatException ex) {
				errors.add("value", "must be a whole number");
			}
		}
		String reason = errors.text("reason", command.reason(), 1000);
		errors.throwIfAny();
		VisitChart.Header visit = header(by, visitId);
		List<VisitChart.Amendment> amendments = VisitRepository
			.ofVisit(this.visits.amendments(by.clinicId(), List.of(visitId)), visitId);
		Correction correction = switch (target) {
			case "vitals" ->
				correctVitals(by.clinicId(), visitId, command.targetId(), command.field(), number, amendments);
			case "adverse-event" ->
				correctAdverseEvent(by.clinicId(), visitId, command.targetId(), command.field(), value, amendments);
			case "assessment" ->
				correctAssessment(by.clinicId(), visitId, command.targetId(), command.field(), number, amendments);
			default -> lateEntry(visitId, command.targetId(), value);
		};
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.visits.insert("infusion_amendments",
				List.of("clinic_id", "id", "visit_id", "target", "target_id", "field", "original_value",
						"corrected_value", "reason", "author_id", "author_name", "amended_at"),
				by.clinicId(), id, visitId, target, correction.targetId(), command.field(), correction.originalValue(),
				correction.correctedValue(), reason, by.staffId(), by.displayName(), ts(now));
		audit(by, "VISIT_AMENDED", visitId, visit.patientId(),
				addendum ? "late entry (addendum): " + reason : target + " " + command.field() + " "
						+ correction.originalValue() + " → " + correction.correctedValue() + ": " + reason);
		return new VisitChart.Amendment(id, target, correction.targetId(), command.field(), correction.originalValue(),
				correction.correctedValue(), reason, by.displayName(), now);
	}

	/** What an amendment changes: the value it replaces ({@code null} for none). */
	private record Correction(UUID targetId, String originalValue, String correctedValue) {
	}

	private Correction correctVitals(UUID clinicId, UUID visitId, UUID vitalsId, String field, int value,
			List<VisitChart.Amendment> amendments) {
		VisitChart.Vitals current = VisitChart.corrected(
				this.visits.vitals(clinicId, visitId)
					.stream()
					.filter((v) -> v.id().equals(vitalsId))
					.findFirst()
					.orElseThrow(() -> new NotFoundException("Vital signs " + vitalsId)),
				VisitChart.corrections(amendments, "vitals", vitalsId));
		Integer[] corrected = { current.systolic(), current.diastolic(), current.heartRate(), current.spo2(),
				current.respiratoryRate() };
		int index = AMENDABLE_FIELDS.get("vitals").indexOf(field);
		String originalValue = String.valueOf(corrected[index]);
		corrected[index] = value;
		List<FieldError> problems = new VitalSigns(corrected[0], corrected[1], corrected[2], corrected[3], corrected[4])
			.problems();
		throwOnValue(problems);
		return new Correction(vitalsId, originalValue, String.valueOf(corrected[index]));
	}

	private Correction correctAdverseEvent(UUID clinicId, UUID visitId, UUID eventId, String field, String value,
			List<VisitChart.Amendment> amendments) {
		VisitChart.AdverseEvent current = VisitChart.corrected(
				VisitRepository.ofVisit(this.visits.adverseEvents(clinicId, List.of(visitId)), visitId)
					.stream()
					.filter((e) -> e.id().equals(eventId))
					.findFirst()
					.orElseThrow(() -> new NotFoundException("Adverse event " + eventId)),
				VisitChart.corrections(amendments, "adverse-event", eventId));
		FieldErrors errors = new FieldErrors();
		VisitCommands.AdverseEvent corrected = checkAdverseEvent(errors,
				new VisitCommands.AdverseEvent(current.type(),
						"description".equals(field) ? value : current.description(),
						"severity".equals(field) ? value : current.severity(),
						"action".equals(field) ? value : current.action(),
						"outcome".equals(field) ? value : current.outcome()));
		throwOnValue(errors.list());
		return switch (field) {
			case "description" -> new Correction(eventId, current.description(), corrected.description());
			case "severity" -> new Correction(eventId, current.severity(), corrected.severity());
			case "action" -> new Correction(eventId, current.action(), corrected.action());
			default -> new Correction(eventId, current.outcome(), corrected.outcome());
		};
	}

	private Correction correctAssessment(UUID clinicId, UUID visitId, UUID assessmentId, String field, int corrected,
			List<VisitChart.Amendment> amendments) {
		VisitChart.Assessment current = VisitChart.corrected(
				VisitRepository.ofVisit(this.visits.assessments(clinicId, List.of(visitId)), visitId)
					.stream()
					.filter((a) -> a.id().equals(assessmentId))
					.findFirst()
					.orElseThrow(() -> new NotFoundException("Assessment " + assessmentId)),
				VisitChart.corrections(amendments, "assessment", assessmentId));
		List<Integer> items = new ArrayList<>(current.cadssItems());
		Integer moaas = current.moaas();
		String originalValue;
		if ("moaas".equals(field)) {
			originalValue = String.valueOf(moaas);
			moaas = corrected;
		}
		else {
			int item = AMENDABLE_FIELDS.get("assessment").indexOf(field) - 1;
			originalValue = String.valueOf(items.get(item));
			items.set(item, corrected);
		}
		throwOnValue(new MonitoringRatings(items, moaas).problems());
		return new Correction(assessmentId, originalValue, String.valueOf(corrected));
	}

	private static Correction lateEntry(UUID visitId, UUID targetId, String text) {
		if (targetId != null && !targetId.equals(visitId)) {
			throw new NotFoundException("Visit " + targetId);
		}
		return new Correction(visitId, null, text);
	}

	/** The corrected entry's first broken rule, on {@code value}, naming its field. */
	private static void throwOnValue(List<FieldError> problems) {
		if (!problems.isEmpty()) {
			throw new InvalidInputException("value", problems.get(0).field() + " " + problems.get(0).message());
		}
	}

	/** The whole chart; the read is audited. */
	@Transactional
	public VisitChart chart(StaffPrincipal by, UUID visitId) {
		VisitChart chart = chartOf(by.clinicId(), header(by, visitId));
		audit(by, "VISIT_VIEWED", visitId, chart.visit().patientId(), null);
		return chart;
	}

	/**
	 * The patient's visit charts, oldest first, unaudited: for modules that audit the
	 * read as part of their own action (such as the FHIR API, one row per patient shown).
	 */
	@Transactional(readOnly = true)
	public List<VisitChart> chartsOfPatient(StaffPrincipal by, UUID patientId) {
		requireRole(by, "The patient's infusions", CLINICAL);
		return chartsOf(by.clinicId(), this.visits.headersOfPatient(by.clinicId(), patientId));
	}

	/** One visit chart, unaudited, for modules that audit the read themselves. */
	@Transactional(readOnly = true)
	public Optional<VisitChart> findChart(StaffPrincipal by, UUID visitId) {
		requireRole(by, "The infusion chart", CLINICAL);
		return this.visits.header(by.clinicId(), visitId).map((visit) -> chartOf(by.clinicId(), visit));
	}

	/**
	 * The chart of the visit in which these vital signs were taken, unaudited, for
	 * modules that audit the read themselves.
	 */
	@Transactional(readOnly = true)
	public Optional<VisitChart> findChartOfVitals(StaffPrincipal by, UUID vitalsId) {
		requireRole(by, "The infusion chart", CLINICAL);
		return this.visits.visitOfVitals(by.clinicId(), vitalsId).flatMap((visitId) -> findChart(by, visitId));
	}

	VisitChart chartOf(UUID clinicId, VisitChart.Header visit) {
		return chartsOf(clinicId, List.of(visit)).get(0);
	}

	/**
	 * The charts of these visits, in their order, each table read once for all of them
	 * (and the questionnaires once per patient), however many visits there are.
	 */
	List<VisitChart> chartsOf(UUID clinicId, List<VisitChart.Header> visits) {
		if (visits.isEmpty()) {
			return List.of();
		}
		List<UUID> ids = visits.stream().map(VisitChart.Header::id).toList();
		Map<UUID, List<VisitChart.Override>> overrides = this.visits.overrides(clinicId, ids);
		Map<UUID, List<VisitChart.Checks>> checks = this.visits.checks(clinicId, ids);
		Map<UUID, List<VisitChart.Vitals>> vitals = this.visits.vitals(clinicId, ids);
		Map<UUID, List<VisitChart.Alarm>> alarms = this.visits.alarms(clinicId, ids);
		Map<UUID, VisitChart.DoseOrder> doseOrders = this.visits.doseOrders(clinicId, ids);
		Map<UUID, VisitChart.Preparation> preparations = this.visits.preparations(clinicId, ids);
		Map<UUID, List<VisitChart.DrawnVial>> draws = this.visits.draws(clinicId, ids);
		Map<UUID, List<VisitChart.Event>> events = this.visits.events(clinicId, ids);
		Map<UUID, List<VisitChart.Assessment>> assessments = this.visits.assessments(clinicId, ids);
		Map<UUID, List<VisitChart.AdverseEvent>> adverseEvents = this.visits.adverseEvents(clinicId, ids);
		Map<UUID, VisitChart.Discharge> discharges = this.visits.discharges(clinicId, ids);
		Map<UUID, List<VisitChart.SignatureRow>> signatures = this.visits.signatures(clinicId, ids);
		Map<UUID, List<VisitChart.Amendment>> amendments = this.visits.amendments(clinicId, ids);
		ZoneId zone = this.clinics.get(clinicId).timeZone();
		Map<UUID, CurrentResponses> responsesByPatient = new HashMap<>();
		List<VisitChart> charts = new ArrayList<>();
		for (VisitChart.Header visit : visits) {
			UUID id = visit.id();
			List<VisitChart.Vitals> visitVitals = VisitRepository.ofVisit(vitals, id);
			CurrentResponses current = responsesByPatient.computeIfAbsent(visit.patientId(),
					(patientId) -> this.responses.current(clinicId, patientId, PRE_INFUSION_INSTRUMENTS));
			List<String> blocks = (visit.status() == VisitStatus.CHECKED_IN) ? blocks(clinicId, visit) : List.of();
			charts.add(new VisitChart(visit, VisitRepository.ofVisit(overrides, id),
					VisitRepository.ofVisit(checks, id), questionnaires(zone, visit, current), visitVitals,
					VisitRepository.ofVisit(alarms, id), doseOrders.get(id), preparations.get(id),
					VisitRepository.ofVisit(draws, id), VisitRepository.ofVisit(events, id),
					VisitRepository.ofVisit(assessments, id), VisitRepository.ofVisit(adverseEvents, id),
					discharges.get(id), VisitRepository.ofVisit(signatures, id),
					VisitRepository.ofVisit(amendments, id), blocks, nextVitalsDue(clinicId, visit,
							visitVitals.isEmpty() ? null : visitVitals.get(visitVitals.size() - 1))));
		}
		return charts;
	}

	/**
	 * The patient's PHQ-9 and C-SSRS for this visit: the newest answered since the start
	 * of the visit's day in the clinic's time zone; one entry per instrument, without a
	 * response when none was recorded.
	 */
	List<VisitChart.Questionnaire> questionnaires(UUID clinicId, VisitChart.Header visit) {
		return questionnaires(this.clinics.get(clinicId).timeZone(), visit,
				this.responses.current(clinicId, visit.patientId(), PRE_INFUSION_INSTRUMENTS));
	}

	private static List<VisitChart.Questionnaire> questionnaires(ZoneId zone, VisitChart.Header visit,
			CurrentResponses current) {
		Instant dayStarts = visit.checkedInAt().atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
		List<VisitChart.Questionnaire> questionnaires = new ArrayList<>();
		for (String instrument : PRE_INFUSION_INSTRUMENTS) {
			questionnaires.add(current.latestSince(instrument, dayStarts)
				.map((r) -> new VisitChart.Questionnaire(instrument, r.id(), r.timePoint().code(), r.answeredAt(),
						r.recordedAt(), r.score().total(), r.score().severity(), r.score().flags()))
				.orElse(new VisitChart.Questionnaire(instrument, null, null, null, null, null, null, List.of())));
		}
		return questionnaires;
	}

	Instant nextVitalsDue(UUID clinicId, VisitChart.Header visit, VisitChart.Vitals latest) {
		String key = switch (visit.status()) {
			case INFUSING, PAUSED -> InfusionSettings.INFUSION_INTERVAL;
			case RECOVERY -> InfusionSettings.RECOVERY_INTERVAL;
			default -> null;
		};
		if (key == null) {
			return null;
		}
		Instant since = (latest != null) ? latest.takenAt() : visit.infusionStartedAt();
		if (visit.status() == VisitStatus.RECOVERY && visit.infusionEndedAt() != null
				&& (latest == null || latest.takenAt().isBefore(visit.infusionEndedAt()))) {
			since = visit.infusionEndedAt();
		}
		return since.plus(Duration.ofMinutes(this.settings.integer(clinicId, key)));
	}

	/** The visit of an appointment, once the patient is checked in. */
	@Transactional(readOnly = true)
	public Optional<UUID> visitOfAppointment(StaffPrincipal by, UUID appointmentId) {
		return this.visits.visitOfAppointment(by.clinicId(), appointmentId);
	}

	/** The next booked visit of the patient after this one, for the discharge sheet. */
	@Transactional
	public Instant nextAppointment(StaffPrincipal by, VisitChart.Header visit) {
		Instant after = this.clock.instant();
		Instant next = null;
		for (org.ketacare.course.Course course : this.courses.ofPatient(by, visit.patientId())) {
			for (Appointment appointment : this.courses.view(by, course.id()).appointments()) {
				if (appointment.status() == AppointmentStatus.BOOKED && appointment.start().isAfter(after)
						&& !appointment.id().equals(visit.appointmentId())
						&& (next == null || appointment.start().isBefore(next))) {
					next = appointment.start();
				}
			}
		}
		return next;
	}

	/**
	 * Every chair in use now, for the floor, with each patient's unacknowledged safety
	 * alerts (asked for all chairs at once); opening the board is audited per patient,
	 * its refreshes are not.
	 */
	@Transactional
	public List<BoardRow> board(StaffPrincipal by, boolean audited) {
		requireRole(by, "The infusion board", CLINICAL);
		Instant now = this.clock.instant();
		List<VisitChart.Header> open = this.visits.openVisits(by.clinicId());
		Map<UUID, List<OpenSafetyAlert>> alertsByPatient = this.safetyAlerts
			.openOf(by, open.stream().map(VisitChart.Header::patientId).collect(Collectors.toSet()))
			.stream()
			.collect(Collectors.groupingBy(OpenSafetyAlert::patientId));
		List<BoardRow> rows = new ArrayList<>();
		for (VisitChart.Header visit : open) {
			VisitChart.Vitals latest = this.visits.latestVitals(by.clinicId(), visit.id()).orElse(null);
			List<OpenSafetyAlert> alerts = alertsByPatient.getOrDefault(visit.patientId(), List.of());
			rows.add(new BoardRow(visit, latest, this.visits.openAlarmCount(by.clinicId(), visit.id()),
					nextVitalsDue(by.clinicId(), visit, latest), alerts, now));
			if (audited) {
				audit(by, "INFUSION_BOARD_VIEWED", visit.id(), visit.patientId(),
						alerts.isEmpty() ? null : "open safety alerts shown: " + alerts.size());
			}
		}
		return rows;
	}

	/** Dose and response across the patient's latest sessions, newest first; audited. */
	@Transactional
	public List<SessionSummary> sessions(StaffPrincipal by, UUID patientId, int limit) {
		requireRole(by, "The patient's infusions", CLINICAL);
		Patient patient = this.patients.get(by.clinicId(), patientId);
		this.audit.record(by,
				AuditRecord.success("INFUSION_SESSIONS_VIEWED").target("patient", patient.id()).patient(patient.id()));
		List<VisitChart.Header> visits = this.visits.headersOfPatient(by.clinicId(), patientId);
		List<VisitChart.Header> newest = new ArrayList<>(
				visits.subList(Math.max(0, visits.size() - limit), visits.size()));
		Collections.reverse(newest);
		return chartsOf(by.clinicId(), newest).stream().map(SessionSummary::of).toList();
	}

	private VisitChart.Header header(StaffPrincipal by, UUID visitId) {
		requireRole(by, "The infusion chart", CLINICAL);
		return this.visits.header(by.clinicId(), visitId).orElseThrow(() -> new NotFoundException("Visit " + visitId));
	}

	/** The visit, locked, refusing any change once it is signed and closed. */
	private VisitChart.Header open(StaffPrincipal by, UUID visitId) {
		VisitChart.Header visit = this.visits.lock(by.clinicId(), visitId)
			.orElseThrow(() -> new NotFoundException("Visit " + visitId));
		if (visit.status() == VisitStatus.CLOSED) {
			throw new ConflictException("The chart is signed and closed: corrections are amendments");
		}
		return visit;
	}

	private void addEvent(StaffPrincipal by, VisitChart.Header visit, InfusionTimeline.Kind kind, BigDecimal rate,
			String reason, Instant at) {
		this.visits.insert("infusion_events",
				List.of("clinic_id", "id", "visit_id", "kind", "at", "rate_mg_per_hour", "reason", "recorded_by"),
				by.clinicId(), UUID.randomUUID(), visit.id(), kind.name(), ts(at), rate, reason, by.staffId());
	}

	private void audit(StaffPrincipal by, String action, UUID visitId, UUID patientId, String details) {
		AuditRecord record = AuditRecord.success(action).target("visit", visitId).patient(patientId);
		this.audit.record(by, (details != null) ? record.details(details) : record);
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new ConflictException(message);
		}
	}

	private static void requireRole(StaffPrincipal by, String what, Set<Role> roles) {
		if (roles.stream().noneMatch(by::hasRole)) {
			throw new AccessDeniedException(what + " needs one of the roles " + roles);
		}
	}

	private static java.time.OffsetDateTime ts(Instant instant) {
		return org.ketacare.platform.Timestamps.of(instant);
	}

}
