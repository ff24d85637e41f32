package org.ketacare.course;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ketacare.outcomes.RelapseDetected;
import org.ketacare.patient.Patient;
import org.ketacare.patient.PatientFlag;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.FieldErrors;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A relapse after the course ended: with no open course there is no booster to suggest,
 * so the patient gets a "relapse during follow-up" warning (a patient flag, shown
 * wherever the patient appears) and the clinic's physicians see it on their home page
 * until one of them acknowledges it or a new course is planned. It decides no treatment:
 * the physician does.
 */
@Service
public class RelapseFollowUps {

	/** The kind of the patient's flag. */
	public static final String FLAG = "RELAPSE_DURING_FOLLOW_UP";

	private static final Logger log = LoggerFactory.getLogger(RelapseFollowUps.class);

	private static final String ALREADY_DECIDED = "This relapse was already acknowledged, or a new course was planned "
			+ "for the patient";

	private final CourseRepository repository;

	private final PatientRegistry patients;

	private final AuditLog audit;

	RelapseFollowUps(CourseRepository repository, PatientRegistry patients, AuditLog audit) {
		this.repository = repository;
		this.patients = patients;
		this.audit = audit;
	}

	/**
	 * Flags the relapse of a patient whose course ended and who has no open course; a
	 * patient already flagged keeps the one flag, and a patient who never had a course is
	 * left alone.
	 * @return whether the patient was flagged now
	 */
	@Transactional
	boolean raise(RelapseDetected relapse) {
		List<Course> courses = this.repository.coursesOfPatient(relapse.clinicId(), relapse.patientId());
		if (courses.isEmpty() || courses.stream().anyMatch((course) -> course.status().isOpen())) {
			log.info("Relapse of a patient without an ended course, or with an open one; nothing flagged");
			return false;
		}
		Patient patient = this.patients.get(relapse.clinicId(), relapse.patientId());
		if (patient.flags().stream().map(PatientFlag::kind).anyMatch(FLAG::equals)) {
			return false;
		}
		Course last = courses.get(0);
		String finding = relapse.instrument() + " back to " + relapse.total() + " (baseline " + relapse.baselineTotal()
				+ "), " + relapse.daysToRelapse() + " days after the response; the last course ("
				+ last.protocol().name() + ") is " + last.status().label().toLowerCase()
				+ ": a physician decides whether to plan a new course";
		this.patients.raiseFlagAutomatically(relapse.clinicId(), relapse.patientId(), FLAG, finding,
				"outcomes: " + relapse.instrument() + " relapse rule");
		return true;
	}

	/**
	 * The clinic's relapses during follow-up, oldest first, for a physician's home page;
	 * empty for other roles. Each patient shown is audited.
	 */
	@Transactional
	public List<RelapseFollowUp> openFor(StaffPrincipal me) {
		if (!me.hasRole(Role.PHYSICIAN)) {
			return List.of();
		}
		List<RelapseFollowUp> open = this.patients.flagged(me.clinicId(), FLAG)
			.stream()
			.flatMap((patient) -> patient.flags()
				.stream()
				.filter((flag) -> FLAG.equals(flag.kind()))
				.map((flag) -> new RelapseFollowUp(patient.id(), patient.fullName(), patient.mrn(), flag.text(),
						flag.raisedAt())))
			.toList();
		open.stream()
			.map(RelapseFollowUp::patientId)
			.distinct()
			.forEach((patientId) -> this.audit.record(me,
					AuditRecord.success("RELAPSE_FOLLOW_UPS_LISTED")
						.target("patient", patientId)
						.patient(patientId)
						.details("relapse during follow-up shown")));
		return open;
	}

	/**
	 * The patient's open relapse during follow-up, for the physician who records the
	 * decision on it; audited.
	 * @throws ConflictException when there is none (acknowledged, or a new course
	 * planned)
	 */
	@Transactional
	public RelapseFollowUp open(StaffPrincipal physician, UUID patientId) {
		requirePhysician(physician);
		Patient patient = this.patients.get(physician.clinicId(), patientId);
		RelapseFollowUp relapse = patient.flags()
			.stream()
			.filter((flag) -> FLAG.equals(flag.kind()))
			.map((flag) -> new RelapseFollowUp(patient.id(), patient.fullName(), patient.mrn(), flag.text(),
					flag.raisedAt()))
			.findFirst()
			.orElseThrow(() -> new ConflictException(ALREADY_DECIDED));
		this.audit.record(physician,
				AuditRecord.success("RELAPSE_FOLLOW_UP_VIEWED").target("patient", patientId).patient(patientId));
		return relapse;
	}

	/**
	 * A physician acknowledges the patient's relapse during follow-up with the decision
	 * taken: it leaves the worklist and the patient's page, and stays in the patient's
	 * history (with the decision) and the audit trail.
	 * @throws org.ketacare.platform.InvalidInputException naming {@code decision} when it
	 * is missing or too long; nothing changes
	 * @throws ConflictException when it was already acknowledged, or a new course planned
	 */
	@Transactional
	public void acknowledge(StaffPrincipal physician, UUID patientId, String decision) {
		requirePhysician(physician);
		this.patients.get(physician.clinicId(), patientId);
		FieldErrors errors = new FieldErrors();
		String text = errors.text("decision", decision, 2000);
		errors.throwIfAny();
		if (!this.patients.clearFlags(physician, patientId, FLAG, "acknowledged: " + text)) {
			throw new ConflictException(ALREADY_DECIDED);
		}
	}

	private static void requirePhysician(StaffPrincipal by) {
		if (!by.hasRole(Role.PHYSICIAN)) {
			throw new AccessDeniedException("Only a physician acknowledges a relapse");
		}
	}

}
