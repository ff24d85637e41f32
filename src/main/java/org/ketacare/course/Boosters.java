package org.ketacare.course;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ketacare.clinic.Signature;
import org.ketacare.clinic.Signatures;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Booster sessions: suggested by a clinician or by another module (the outcomes module's
 * relapse rule), confirmed or declined by a physician with their signature, then booked
 * by the coordinator at the first time that fits.
 */
@Service
public class Boosters {

	/** The phase name of a booster session. */
	public static final String PHASE = "booster";

	static final String CONFIRMATION = "Booster infusion confirmed";

	static final String DECLINE = "Booster infusion declined";

	private static final Logger log = LoggerFactory.getLogger(Boosters.class);

	private final CourseRepository repository;

	private final Courses courses;

	private final Signatures signatures;

	private final AuditLog audit;

	private final Clock clock;

	Boosters(CourseRepository repository, Courses courses, Signatures signatures, AuditLog audit, Clock clock) {
		this.repository = repository;
		this.courses = courses;
		this.signatures = signatures;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Records a suggested booster for the patient's open course, for a physician to
	 * confirm; the entry point for other modules, such as the outcomes module when it
	 * detects a relapse. A suggestion already waiting for the course is returned instead
	 * of a second one.
	 * @param source who or what suggests it, such as {@code outcomes: PHQ-9 relapse rule}
	 * @return the waiting suggestion, or empty when the patient has no open course
	 */
	@Transactional
	public Optional<BoosterRequest> suggest(UUID clinicId, UUID patientId, String reason, String source) {
		String why = checked("reason", reason, 1000);
		String from = checked("source", source, 200);
		Optional<Course> course = this.courses.openCourse(clinicId, patientId);
		if (course.isEmpty()) {
			log.info("Booster suggested by {} for a patient without an open course; nothing recorded", from);
			return Optional.empty();
		}
		Optional<BoosterRequest> waiting = this.repository.boosterRequests(clinicId, course.get().id())
			.stream()
			.filter((request) -> request.status() == BoosterRequest.Status.SUGGESTED)
			.findFirst();
		if (waiting.isPresent()) {
			return waiting;
		}
		BoosterRequest request = new BoosterRequest(UUID.randomUUID(), course.get().id(), patientId, why, from,
				this.clock.instant(), BoosterRequest.Status.SUGGESTED, null, null, null);
		this.repository.insertBoosterRequest(clinicId, request);
		this.audit.record(AuditRecord.success("BOOSTER_SUGGESTED")
			.target("course", course.get().id())
			.patient(patientId)
			.details(from + ": " + why)
			.asActor(new AuditRecord.Actor(clinicId, null, from, null)));
		return Optional.of(request);
	}

	/** A clinician suggests a booster for the course's patient. */
	@Transactional
	public BoosterRequest suggest(StaffPrincipal by, UUID courseId, String reason) {
		if (!(by.hasRole(Role.PHYSICIAN) || by.hasRole(Role.NURSE) || by.hasRole(Role.THERAPIST))) {
			throw new AccessDeniedException("Only a clinician suggests a booster");
		}
		Course course = this.courses.course(by, courseId);
		if (!course.status().isOpen()) {
			throw new ConflictException("The course is " + course.status().label().toLowerCase());
		}
		return suggest(by.clinicId(), course.patientId(), reason, by.displayName() + " (" + by.rolesText() + ")")
			.orElseThrow();
	}

	/**
	 * A physician confirms or declines a suggested booster, signing with their password.
	 */
	@Transactional
	public BoosterRequest decide(StaffPrincipal physician, UUID requestId, boolean confirm, String password) {
		BoosterRequest request = request(physician, requestId);
		Signature signature = this.signatures.sign(physician, password, confirm ? CONFIRMATION : DECLINE,
				Set.of(Role.PHYSICIAN));
		boolean decided = this.repository.decideBoosterRequest(physician.clinicId(), requestId,
				confirm ? BoosterRequest.Status.CONFIRMED : BoosterRequest.Status.DECLINED, signature.signerName(),
				signature.signedAt(), signature.meaning());
		if (!decided) {
			throw new ConflictException("This booster was already " + request.status().name().toLowerCase());
		}
		this.audit.record(physician,
				AuditRecord.success(confirm ? "BOOSTER_CONFIRMED" : "BOOSTER_DECLINED")
					.target("booster", requestId)
					.patient(request.patientId())
					.details(signature.meaning() + ", signed by " + signature.signerName()));
		return request(physician, requestId);
	}

	/** Books a confirmed booster at the first time that fits from {@code from}. */
	@Transactional
	public Appointment book(StaffPrincipal by, UUID requestId, LocalDate from) {
		BoosterRequest request = request(by, requestId);
		if (request.status() != BoosterRequest.Status.CONFIRMED) {
			throw new ConflictException("Only a booster a physician confirmed is booked; this one is "
					+ request.status().name().toLowerCase());
		}
		Appointment appointment = this.courses.addSession(by, request.courseId(), PHASE, from);
		if (!this.repository.bookBoosterRequest(by.clinicId(), requestId, appointment.id())) {
			throw new ConflictException("This booster was booked by someone else at the same moment");
		}
		return appointment;
	}

	private BoosterRequest request(StaffPrincipal by, UUID requestId) {
		return this.repository.boosterRequest(by.clinicId(), requestId)
			.orElseThrow(() -> new NotFoundException("Booster " + requestId));
	}

	private static String checked(String field, String text, int max) {
		String stripped = (text != null) ? text.strip() : "";
		if (stripped.isEmpty() || stripped.length() > max) {
			throw new InvalidInputException(field, "must be 1–" + max + " characters");
		}
		return stripped;
	}

}
