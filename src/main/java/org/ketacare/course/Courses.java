package org.ketacare.course;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.ketacare.clinic.ClinicCalendar;
import org.ketacare.clinic.ClinicSettings;
import org.ketacare.clinic.Room;
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
import org.ketacare.screening.Eligibility;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Treatment courses and their appointments: proposing and booking a course for an
 * approved patient, moving, cancelling and recording visits, and the lifecycle planned →
 * induction → maintenance → completed or discontinued. Every booking runs the same rules
 * as the proposer, under a per-clinic lock, and the database refuses a double-booked room
 * whatever happens.
 */
@Service
public class Courses {

	private static final String EXCLUSION_VIOLATION = "23P01";

	private final CourseRepository repository;

	private final Protocols protocols;

	private final ClinicCalendar calendar;

	private final ClinicSettings settings;

	private final PatientRegistry patients;

	private final Eligibility eligibility;

	private final AuditLog audit;

	private final Clock clock;

	Courses(CourseRepository repository, Protocols protocols, ClinicCalendar calendar, ClinicSettings settings,
			PatientRegistry patients, Eligibility eligibility, AuditLog audit, Clock clock) {
		this.repository = repository;
		this.protocols = protocols;
		this.calendar = calendar;
		this.settings = settings;
		this.patients = patients;
		this.eligibility = eligibility;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A proposal for the patient's course; nothing is booked.
	 * @throws InvalidInputException naming {@code protocol} or {@code startDate}
	 */
	@Transactional
	public Proposal propose(StaffPrincipal by, UUID patientId, String protocolCode, LocalDate startDate,
			PatientAvailability availability) {
		Protocol protocol = checkedRequest(by, protocolCode, startDate);
		this.patients.get(by.clinicId(), patientId);
		Proposal proposal = CourseProposer
			.propose(planning(by.clinicId(), by.clinicZone(), patientId, protocol, startDate, availability));
		this.audit.record(by,
				AuditRecord.success("COURSE_PROPOSED")
					.target("patient", patientId)
					.patient(patientId)
					.details(protocol.code() + " from " + startDate + ": "
							+ ((proposal instanceof Proposal.Blocked blocked) ? "blocked by " + blocked.constraint()
									: ((Proposal.Found) proposal).visits().size() + " visits")));
		return proposal;
	}

	/**
	 * Starts a course for an approved patient and books its visits: the proposal as it
	 * is, or as the coordinator adjusted it. The patient moves into status in course
	 * (from eligible, or from follow-up for a further course) in the same transaction,
	 * and a relapse during follow-up waiting for a physician is cleared.
	 * @throws ConflictException naming why when the patient is not approved, their
	 * approval expired, they already have an open course, or no course fits
	 * @throws InvalidInputException naming the field of a bad or rule-breaking input
	 * @throws RuleViolationException when the patient's status may not move into a
	 * course; nothing is booked
	 */
	@Transactional
	public CourseView start(StaffPrincipal by, UUID patientId, StartCourse command) {
		requireRole(by, Role.INTAKE);
		Protocol protocol = checkedRequest(by, command.protocol(), command.startDate());
		this.patients.get(by.clinicId(), patientId);
		Eligibility.Approval approval = requireApproval(by.clinicId(), patientId);
		this.repository.lockSchedule(by.clinicId());
		Optional<Course> open = openCourse(by.clinicId(), patientId);
		if (open.isPresent()) {
			throw new ConflictException("The patient already has an open course (" + open.get().protocol().name() + ", "
					+ open.get().status().label().toLowerCase() + "); complete or discontinue it first");
		}
		PlanningRequest request = planning(by.clinicId(), by.clinicZone(), patientId, protocol, command.startDate(),
				command.availability());
		Proposal proposal = CourseProposer.propose(request);
		if (proposal instanceof Proposal.Blocked blocked) {
			throw new ConflictException(
					"No course fits the schedule (" + blocked.constraint() + "): " + blocked.explanation());
		}
		List<ProposedVisit> visits = ((Proposal.Found) proposal).visits();
		if (!command.visits().isEmpty()) {
			visits = adjusted(request, visits, command.visits());
		}
		Instant now = this.clock.instant();
		Course course = new Course(UUID.randomUUID(), by.clinicId(), patientId, protocol, command.startDate(),
				CourseStatus.PLANNED, null, approval.screeningId(), now, 0);
		this.repository.insertCourse(course, by.staffId());
		for (ProposedVisit visit : visits) {
			insert(by, course, visit.kind(), visit.phase(), visit.number(), visit.start().toInstant(),
					visit.end().toInstant(), visit.roomId());
		}
		// Last, so that when the patient's status may not enter a course (such as a
		// patient discharged since the approval) the transaction rolls back every
		// booking. A patient in follow-up after a course comes back into treatment here.
		this.patients.changeStatus(by, patientId, PatientStatus.IN_COURSE, "Course planned: " + protocol.name());
		// A relapse during follow-up is answered by this course.
		this.patients.clearFlags(by, patientId, RelapseFollowUps.FLAG, "a new course was planned: " + protocol.name());
		this.audit.record(by,
				AuditRecord.success("COURSE_STARTED")
					.target("course", course.id())
					.patient(patientId)
					.details(protocol.code() + " from " + command.startDate() + ", " + visits.size()
							+ " visits booked, approval of " + approval.physicianName()));
		return assemble(by, this.repository.course(by.clinicId(), course.id()).orElseThrow());
	}

	/** The course with its appointments, deviations and boosters; audited. */
	@Transactional
	public CourseView view(StaffPrincipal by, UUID courseId) {
		Course course = course(by, courseId);
		this.audit.record(by,
				AuditRecord.success("COURSE_VIEWED").target("course", courseId).patient(course.patientId()));
		return assemble(by, course);
	}

	/** The patient's courses, newest first; audited. */
	@Transactional
	public List<Course> ofPatient(StaffPrincipal by, UUID patientId) {
		this.patients.get(by.clinicId(), patientId);
		this.audit.record(by, AuditRecord.success("COURSES_LISTED").target("patient", patientId).patient(patientId));
		return this.repository.coursesOfPatient(by.clinicId(), patientId);
	}

	/**
	 * The patient's courses with their appointments, oldest first, unaudited: for modules
	 * that audit the read as part of their own action (such as the FHIR API, one row per
	 * patient shown). The roles are those that may open a course's page.
	 */
	@Transactional(readOnly = true)
	public List<CourseView> coursesOfPatient(StaffPrincipal by, UUID patientId) {
		requireRole(by, Role.INTAKE, Role.NURSE, Role.PHYSICIAN);
		List<CourseView> oldestFirst = new ArrayList<>();
		for (Course course : this.repository.coursesOfPatient(by.clinicId(), patientId)) {
			oldestFirst.add(0, assemble(by, course));
		}
		return oldestFirst;
	}

	/**
	 * One course with its appointments, unaudited, for modules that audit the read
	 * themselves.
	 */
	@Transactional(readOnly = true)
	public Optional<CourseView> findCourse(StaffPrincipal by, UUID courseId) {
		requireRole(by, Role.INTAKE, Role.NURSE, Role.PHYSICIAN);
		return this.repository.course(by.clinicId(), courseId).map((course) -> assemble(by, course));
	}

	/**
	 * One appointment with its room's name, unaudited, for modules that audit the read
	 * themselves; the roles are those that may open its course's page.
	 */
	@Transactional(readOnly = true)
	public Optional<Appointment> findAppointment(StaffPrincipal by, UUID appointmentId) {
		requireRole(by, Role.INTAKE, Role.NURSE, Role.PHYSICIAN);
		return this.repository.appointment(by.clinicId(), appointmentId)
			.map((appointment) -> named(by.clinicId(), List.of(appointment)).get(0));
	}

	/**
	 * Moves a booked visit, re-checking every rule; moving the last infusion of the first
	 * phase moves the follow-up visit with it.
	 * @throws InvalidInputException naming {@code start} when it is missing, past, or too
	 * close to another infusion
	 * @throws ConflictException naming the rule of the schedule that blocks the new time
	 */
	@Transactional
	public Appointment move(StaffPrincipal by, UUID appointmentId, OffsetDateTime start) {
		requireRole(by, Role.INTAKE);
		if (start == null) {
			throw new InvalidInputException("start", "is required, such as 2026-03-02T09:00:00-05:00");
		}
		this.repository.lockSchedule(by.clinicId());
		Appointment appointment = appointment(by, appointmentId);
		if (appointment.status() != AppointmentStatus.BOOKED) {
			throw new ConflictException("Only a booked appointment can be moved; this one is "
					+ appointment.status().label().toLowerCase());
		}
		Course course = this.repository.course(by.clinicId(), appointment.courseId()).orElseThrow();
		if (!course.status().isOpen()) {
			throw new ConflictException("The course is " + course.status().label().toLowerCase());
		}
		ZoneId zone = by.clinicZone();
		ZonedDateTime newStart = start.atZoneSameInstant(zone);
		if (!newStart.toInstant().isAfter(this.clock.instant())) {
			throw new InvalidInputException("start", "must be in the future");
		}
		ZonedDateTime newEnd = newStart.plus(Duration.between(appointment.start(), appointment.end()));
		List<Appointment> courseAppointments = this.repository.appointmentsOfCourse(by.clinicId(), course.id());
		if (appointment.kind() == VisitKind.INFUSION) {
			checkInterval(by.clinicId(), course, appointment, newStart, zone);
		}
		ScheduleRules rules = rulesAround(by.clinicId(), zone, newStart, newEnd, Set.of(appointment.id()));
		UUID roomId = placeIn(rules, appointment, newStart, newEnd);
		LocalDate lastBefore = lastOfFirstPhase(course, courseAppointments, Map.of(), zone);
		LocalDate lastAfter = lastOfFirstPhase(course, courseAppointments,
				Map.of(appointment.id(), newStart.toInstant()), zone);
		reschedule(appointment, newStart.toInstant(), newEnd.toInstant(), roomId);
		String followUpNote = "";
		if (appointment.kind() == VisitKind.INFUSION && lastBefore != null && !lastBefore.equals(lastAfter)) {
			followUpNote = moveFollowUp(by, course, courseAppointments, lastAfter);
		}
		this.audit.record(by,
				AuditRecord.success("APPOINTMENT_MOVED")
					.target("appointment", appointmentId)
					.patient(appointment.patientId())
					.details(appointment.kind().code() + " " + appointment.start() + " -> " + newStart.toInstant()
							+ followUpNote));
		return named(by.clinicId(), List.of(appointment(by, appointmentId))).get(0);
	}

	/** Cancels a booked visit, with the reason; the room is free again. */
	@Transactional
	public Appointment cancel(StaffPrincipal by, UUID appointmentId, String reason) {
		requireRole(by, Role.INTAKE);
		String why = (reason != null) ? reason.strip() : "";
		if (why.isEmpty() || why.length() > 500) {
			throw new InvalidInputException("reason", "say why, in at most 500 characters");
		}
		Appointment appointment = appointment(by, appointmentId);
		if (appointment.status() != AppointmentStatus.BOOKED) {
			throw new ConflictException("Only a booked appointment can be cancelled; this one is "
					+ appointment.status().label().toLowerCase());
		}
		this.repository.changeStatus(appointment, AppointmentStatus.CANCELLED, why);
		this.audit.record(by,
				AuditRecord.success("APPOINTMENT_CANCELLED")
					.target("appointment", appointmentId)
					.patient(appointment.patientId())
					.details(appointment.kind().code() + " " + appointment.start() + ": " + why));
		return named(by.clinicId(), List.of(appointment(by, appointmentId))).get(0);
	}

	/** Records that the patient did not come. */
	@Transactional
	public Appointment recordNoShow(StaffPrincipal by, UUID appointmentId) {
		return record(by, appointmentId, AppointmentStatus.NO_SHOW, "APPOINTMENT_NO_SHOW");
	}

	/**
	 * Records that the patient came; the course moves into induction, and into
	 * maintenance once every session of its first phase was attended.
	 */
	@Transactional
	public Appointment recordAttended(StaffPrincipal by, UUID appointmentId) {
		return record(by, appointmentId, AppointmentStatus.ATTENDED, "APPOINTMENT_ATTENDED");
	}

	/**
	 * Records that the patient arrived and was checked in for the visit: the appointment
	 * is attended, as with {@link #recordAttended}, but from the clinic day of the
	 * appointment on, because the visit checks patients in before the start (its own
	 * check-in window decides how long before). Already attended stays as it is.
	 * @throws ConflictException before the appointment's day, after its end, or when it
	 * was cancelled or missed
	 */
	@Transactional
	public Appointment recordCheckIn(StaffPrincipal by, UUID appointmentId) {
		requireRole(by, Role.INTAKE, Role.NURSE, Role.PHYSICIAN);
		Appointment appointment = appointment(by, appointmentId);
		if (appointment.status() == AppointmentStatus.ATTENDED) {
			return named(by.clinicId(), List.of(appointment)).get(0);
		}
		Instant now = this.clock.instant();
		Instant dayStarts = appointment.start()
			.atZone(by.clinicZone())
			.toLocalDate()
			.atStartOfDay(by.clinicZone())
			.toInstant();
		if (now.isBefore(dayStarts) || now.isAfter(appointment.end())) {
			throw new ConflictException("A patient is checked in on the day of the appointment, until its end");
		}
		return changeStatus(by, appointment, AppointmentStatus.ATTENDED, "APPOINTMENT_CHECKED_IN");
	}

	/**
	 * Books one more session of the course at the first time that fits from {@code from}:
	 * a booster, or a replacement for a missed session of a phase.
	 * @throws ConflictException naming the rule that blocks it
	 */
	@Transactional
	public Appointment addSession(StaffPrincipal by, UUID courseId, String phaseName, LocalDate from) {
		requireRole(by, Role.INTAKE);
		Course course = course(by, courseId);
		if (!course.status().isOpen()) {
			throw new ConflictException("The course is " + course.status().label().toLowerCase());
		}
		boolean knownPhase = course.protocol().phases().stream().anyMatch((phase) -> phase.name().equals(phaseName));
		if (!Boosters.PHASE.equals(phaseName) && !knownPhase) {
			throw new InvalidInputException("phase", "must be booster or a phase of the course's protocol");
		}
		LocalDate today = LocalDate.now(this.clock.withZone(by.clinicZone()));
		if (from == null || from.isBefore(today)) {
			throw new InvalidInputException("from", "must be today or later");
		}
		this.repository.lockSchedule(by.clinicId());
		Protocol protocol = course.protocol();
		Protocol single = new Protocol("session", "One session",
				List.of(new Protocol.Phase(phaseName, 1,
						this.settings.integer(by.clinicId(), CourseSettings.SESSION_SEARCH_DAYS),
						CourseDeviations.minimumIntervalHours(protocol, phaseName), 1)),
				Protocol.Maintenance.asNeeded(), protocol.infusionMinutes(), protocol.observationMinutes(), 0);
		Proposal proposal = CourseProposer.propose(planning(by.clinicId(), by.clinicZone(), course.patientId(), single,
				from, PatientAvailability.anyTime()));
		if (proposal instanceof Proposal.Blocked blocked) {
			throw new ConflictException(
					"No time fits the session (" + blocked.constraint() + "): " + blocked.explanation());
		}
		ProposedVisit visit = ((Proposal.Found) proposal).visits().get(0);
		int number = (int) this.repository.appointmentsOfCourse(by.clinicId(), courseId)
			.stream()
			.filter((appointment) -> appointment.phase().equals(phaseName))
			.count() + 1;
		UUID id = insert(by, course, VisitKind.INFUSION, phaseName, number, visit.start().toInstant(),
				visit.end().toInstant(), visit.roomId());
		this.audit.record(by,
				AuditRecord.success("APPOINTMENT_BOOKED")
					.target("appointment", id)
					.patient(course.patientId())
					.details(phaseName + " session " + number + " at " + visit.start()));
		return named(by.clinicId(), List.of(appointment(by, id))).get(0);
	}

	/**
	 * Ends the course early, with the reason; its booked visits are cancelled and the
	 * patient moves to follow-up, all in one transaction.
	 * @throws RuleViolationException when the patient's status may not move to follow-up;
	 * the course stays open as it was
	 */
	@Transactional
	public Course discontinue(StaffPrincipal by, UUID courseId, String reason) {
		requireRole(by, Role.INTAKE, Role.PHYSICIAN);
		String why = (reason != null) ? reason.strip() : "";
		if (why.isEmpty() || why.length() > 1000) {
			throw new InvalidInputException("reason", "say why, in at most 1000 characters");
		}
		Course course = course(by, courseId);
		if (!course.status().isOpen()) {
			throw new ConflictException("The course is already " + course.status().label().toLowerCase());
		}
		for (Appointment appointment : this.repository.appointmentsOfCourse(by.clinicId(), courseId)) {
			if (appointment.status() == AppointmentStatus.BOOKED) {
				this.repository.changeStatus(appointment, AppointmentStatus.CANCELLED, "Course discontinued: " + why);
			}
		}
		this.repository.changeStatus(course, CourseStatus.DISCONTINUED, why);
		// Follow-up, not eligible or discharged: the clinic still follows a patient
		// whose course stopped early (outcomes, an adverse event, the one-month check),
		// and only follow-up or discharged may come after in course. From follow-up the
		// clinic may start another course while the approval holds, screen again or
		// discharge, a person's decision. A refused move rolls back the cancellations.
		this.patients.changeStatus(by, course.patientId(), PatientStatus.FOLLOW_UP, "Course discontinued: " + why);
		this.audit.record(by,
				AuditRecord.success("COURSE_DISCONTINUED")
					.target("course", courseId)
					.patient(course.patientId())
					.details(why));
		return this.repository.course(by.clinicId(), courseId).orElseThrow();
	}

	/**
	 * A physician closes a course whose induction is done and whose visits are all
	 * recorded; the patient moves to follow-up in the same transaction.
	 * @throws RuleViolationException when the patient's status may not move to follow-up;
	 * the course stays open
	 */
	@Transactional
	public Course complete(StaffPrincipal by, UUID courseId) {
		requireRole(by, Role.PHYSICIAN);
		Course course = course(by, courseId);
		if (course.status() != CourseStatus.MAINTENANCE) {
			throw new ConflictException(
					"A course is completed after its induction; this one is " + course.status().label().toLowerCase());
		}
		boolean stillBooked = this.repository.appointmentsOfCourse(by.clinicId(), courseId)
			.stream()
			.anyMatch((appointment) -> appointment.status() == AppointmentStatus.BOOKED);
		if (stillBooked) {
			throw new ConflictException("Record or cancel the course's booked visits first");
		}
		this.repository.changeStatus(course, CourseStatus.COMPLETED, null);
		this.patients.changeStatus(by, course.patientId(), PatientStatus.FOLLOW_UP,
				"Course completed: " + course.protocol().name());
		this.audit.record(by,
				AuditRecord.success("COURSE_COMPLETED").target("course", courseId).patient(course.patientId()));
		return this.repository.course(by.clinicId(), courseId).orElseThrow();
	}

	/**
	 * The clinic's visits of one day in its zone, with patient names; each patient shown
	 * is audited.
	 */
	@Transactional
	public DaySchedule day(StaffPrincipal by, LocalDate date) {
		return schedule(by, date, date.plusDays(1));
	}

	/** The clinic's visits from {@code from} (inclusive) to {@code to} (exclusive). */
	@Transactional
	public DaySchedule schedule(StaffPrincipal by, LocalDate from, LocalDate to) {
		ZoneId zone = by.clinicZone();
		List<Appointment> appointments = named(by.clinicId(), this.repository.appointmentsBetween(by.clinicId(),
				from.atStartOfDay(zone).toInstant(), to.atStartOfDay(zone).toInstant()));
		Map<UUID, Patient> shown = appointments.stream()
			.map(Appointment::patientId)
			.distinct()
			.collect(Collectors.toMap(Function.identity(), (id) -> this.patients.get(by.clinicId(), id)));
		shown.keySet()
			.forEach((patientId) -> this.audit.record(by,
					AuditRecord.success("SCHEDULE_VIEWED")
						.target("patient", patientId)
						.patient(patientId)
						.details(from + " to " + to.minusDays(1))));
		List<DaySchedule.Visit> visits = appointments.stream()
			.map((appointment) -> new DaySchedule.Visit(appointment, shown.get(appointment.patientId()).fullName(),
					shown.get(appointment.patientId()).mrn()))
			.toList();
		return new DaySchedule(from, to, zone, this.calendar.rooms(by.clinicId()), visits);
	}

	Course course(StaffPrincipal by, UUID courseId) {
		return this.repository.course(by.clinicId(), courseId)
			.orElseThrow(() -> new NotFoundException("Course " + courseId));
	}

	Optional<Course> openCourse(UUID clinicId, UUID patientId) {
		return this.repository.coursesOfPatient(clinicId, patientId)
			.stream()
			.filter((course) -> course.status().isOpen())
			.findFirst();
	}

	private Appointment record(StaffPrincipal by, UUID appointmentId, AppointmentStatus status, String action) {
		requireRole(by, Role.INTAKE, Role.NURSE);
		Appointment appointment = appointment(by, appointmentId);
		if (appointment.status() != AppointmentStatus.BOOKED) {
			throw new ConflictException("This appointment is already " + appointment.status().label().toLowerCase());
		}
		if (appointment.start().isAfter(this.clock.instant())) {
			throw new ConflictException(
					"A visit is recorded as " + status.label().toLowerCase() + " once it has begun");
		}
		return changeStatus(by, appointment, status, action);
	}

	private Appointment changeStatus(StaffPrincipal by, Appointment appointment, AppointmentStatus status,
			String action) {
		UUID appointmentId = appointment.id();
		if (appointment.status() != AppointmentStatus.BOOKED) {
			throw new ConflictException("This appointment is already " + appointment.status().label().toLowerCase());
		}
		this.repository.changeStatus(appointment, status, null);
		Course course = this.repository.course(by.clinicId(), appointment.courseId()).orElseThrow();
		if (status == AppointmentStatus.ATTENDED && appointment.kind() == VisitKind.INFUSION
				&& course.status().isOpen()) {
			String firstPhase = course.protocol().firstPhase().name();
			long attendedFirstPhase = this.repository.appointmentsOfCourse(by.clinicId(), course.id())
				.stream()
				.filter((other) -> other.status() == AppointmentStatus.ATTENDED && other.kind() == VisitKind.INFUSION
						&& other.phase().equals(firstPhase))
				.count();
			CourseStatus next = (attendedFirstPhase >= course.protocol().firstPhase().sessions())
					? CourseStatus.MAINTENANCE : CourseStatus.INDUCTION;
			if (next != course.status() && course.status() != CourseStatus.MAINTENANCE) {
				this.repository.changeStatus(course, next, null);
			}
		}
		this.audit.record(by,
				AuditRecord.success(action)
					.target("appointment", appointmentId)
					.patient(appointment.patientId())
					.details(appointment.kind().code() + " " + appointment.start()));
		return named(by.clinicId(), List.of(appointment(by, appointmentId))).get(0);
	}

	private CourseView assemble(StaffPrincipal by, Course course) {
		Patient patient = this.patients.get(by.clinicId(), course.patientId());
		List<Appointment> appointments = named(by.clinicId(),
				this.repository.appointmentsOfCourse(by.clinicId(), course.id()));
		return new CourseView(course, patient.fullName(), patient.mrn(), appointments,
				CourseDeviations.of(course, appointments, this.clock.instant(), by.clinicZone()),
				this.repository.boosterRequests(by.clinicId(), course.id()));
	}

	/**
	 * One appointment of the clinic with its room's name, for the visit that happens in
	 * it.
	 * @throws NotFoundException when the clinic has no such appointment
	 */
	@Transactional(readOnly = true)
	public Appointment appointment(UUID clinicId, UUID appointmentId) {
		Appointment appointment = this.repository.appointment(clinicId, appointmentId)
			.orElseThrow(() -> new NotFoundException("Appointment " + appointmentId));
		return named(clinicId, List.of(appointment)).get(0);
	}

	/**
	 * The clinic's attended infusions that began from {@code from} (inclusive) to
	 * {@code to}, oldest first, without room or patient names: for modules that show and
	 * audit the patients they pick from them.
	 */
	@Transactional(readOnly = true)
	public List<Appointment> attendedInfusions(UUID clinicId, Instant from, Instant to) {
		return this.repository.attendedInfusionsStarting(clinicId, from, to);
	}

	private Appointment appointment(StaffPrincipal by, UUID appointmentId) {
		return this.repository.appointment(by.clinicId(), appointmentId)
			.orElseThrow(() -> new NotFoundException("Appointment " + appointmentId));
	}

	private List<Appointment> named(UUID clinicId, List<Appointment> appointments) {
		Map<UUID, String> names = this.calendar.rooms(clinicId)
			.stream()
			.collect(Collectors.toMap(Room::id, Room::name));
		return appointments.stream().map((appointment) -> appointment.named(names.get(appointment.roomId()))).toList();
	}

	private Protocol checkedRequest(StaffPrincipal by, String protocolCode, LocalDate startDate) {
		List<InvalidInputException.FieldError> errors = new ArrayList<>();
		Optional<Protocol> protocol = (protocolCode == null || protocolCode.isBlank()) ? Optional.empty()
				: this.protocols.find(by.clinicId(), protocolCode.strip());
		if (protocol.isEmpty()) {
			errors.add(new InvalidInputException.FieldError("protocol", "must be one of this clinic's protocols: "
					+ this.protocols.all(by.clinicId()).stream().map(Protocol::code).toList()));
		}
		LocalDate today = LocalDate.now(this.clock.withZone(by.clinicZone()));
		if (startDate == null) {
			errors.add(new InvalidInputException.FieldError("startDate", "is required, such as " + today));
		}
		else if (startDate.isBefore(today)) {
			errors.add(new InvalidInputException.FieldError("startDate", "must be today (" + today + ") or later"));
		}
		else if (startDate.isAfter(today.plusDays(365))) {
			errors.add(new InvalidInputException.FieldError("startDate", "must be within a year from today"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return protocol.get();
	}

	private Eligibility.Approval requireApproval(UUID clinicId, UUID patientId) {
		Optional<Eligibility.Approval> current = this.eligibility.currentApproval(clinicId, patientId);
		if (current.isPresent()) {
			return current.get();
		}
		Optional<Eligibility.Approval> latest = this.eligibility.latestApproval(clinicId, patientId);
		if (latest.isPresent()) {
			throw new ConflictException(
					"The patient's approval for treatment (signed by " + latest.get().physicianName() + ") expired on "
							+ latest.get().expiresAt() + "; a course starts only after a new screening is approved");
		}
		throw new ConflictException("The patient is not approved for treatment: a course starts only when a "
				+ "physician has approved the patient's latest screening");
	}

	PlanningRequest planning(UUID clinicId, ZoneId zone, UUID patientId, Protocol protocol, LocalDate startDate,
			PatientAvailability availability) {
		int tolerance = this.settings.integer(clinicId, CourseSettings.FOLLOW_UP_TOLERANCE_DAYS);
		LocalDate until = startDate.plusDays(protocol.scheduledDays() + protocol.followUpDays() + tolerance + 2L);
		List<Booking> bookings = this.repository
			.appointmentsBetween(clinicId, startDate.minusDays(2).atStartOfDay(zone).toInstant(),
					until.atStartOfDay(zone).toInstant())
			.stream()
			.filter((appointment) -> appointment.status().holdsRoom())
			.map(Appointment::asBooking)
			.toList();
		return new PlanningRequest(patientId, protocol, startDate, zone, this.calendar.rooms(clinicId),
				this.calendar.workingHours(clinicId), bookings,
				this.settings.integer(clinicId, CourseSettings.NURSE_MAX_PATIENTS),
				this.settings.integer(clinicId, CourseSettings.SLOT_MINUTES),
				this.settings.integer(clinicId, CourseSettings.FOLLOW_UP_VISIT_MINUTES), tolerance,
				(availability != null) ? availability : PatientAvailability.anyTime());
	}

	private ScheduleRules rulesAround(UUID clinicId, ZoneId zone, ZonedDateTime start, ZonedDateTime end,
			Set<UUID> excluded) {
		List<Booking> bookings = this.repository
			.appointmentsBetween(clinicId, start.minusDays(2).toInstant(), end.plusDays(2).toInstant())
			.stream()
			.filter((appointment) -> appointment.status().holdsRoom() && !excluded.contains(appointment.id()))
			.map(Appointment::asBooking)
			.toList();
		return new ScheduleRules(zone, this.calendar.rooms(clinicId), this.calendar.workingHours(clinicId), bookings,
				this.settings.integer(clinicId, CourseSettings.NURSE_MAX_PATIENTS));
	}

	/** The appointment's own room if it is free at the new time, else any free room. */
	private static UUID placeIn(ScheduleRules rules, Appointment appointment, ZonedDateTime start, ZonedDateTime end) {
		Set<BlockingConstraint> every = EnumSet.allOf(BlockingConstraint.class);
		boolean infusion = appointment.kind() == VisitKind.INFUSION;
		ScheduleRules.Verdict sameRoom = rules.check(start, end, infusion, appointment.roomId(),
				appointment.patientId(), PatientAvailability.anyTime(), every);
		if (sameRoom.fits()) {
			return sameRoom.roomId();
		}
		ScheduleRules.Verdict anyRoom = rules.check(start, end, infusion, null, appointment.patientId(),
				PatientAvailability.anyTime(), every);
		if (!anyRoom.fits()) {
			throw new ConflictException(anyRoom.blocker().description() + " at " + start.toLocalDate() + " "
					+ start.toLocalTime() + " (" + anyRoom.blocker() + ")");
		}
		return anyRoom.roomId();
	}

	/**
	 * The new time keeps the minimum interval to every other infusion of the patient and
	 * falls on a day without one.
	 */
	private void checkInterval(UUID clinicId, Course course, Appointment moving, ZonedDateTime newStart, ZoneId zone) {
		Duration minimum = Duration.ofHours(CourseDeviations.minimumIntervalHours(course.protocol(), moving.phase()));
		List<Appointment> others = this.repository
			.appointmentsBetween(clinicId, newStart.minus(minimum).minusDays(1).toInstant(),
					newStart.plus(minimum).plusDays(1).toInstant())
			.stream()
			.filter((other) -> other.patientId().equals(moving.patientId()) && !other.id().equals(moving.id())
					&& other.kind() == VisitKind.INFUSION && other.status().holdsRoom())
			.toList();
		for (Appointment other : others) {
			ZonedDateTime otherStart = other.start().atZone(zone);
			if (Duration.between(otherStart, newStart).abs().compareTo(minimum) < 0
					|| otherStart.toLocalDate().equals(newStart.toLocalDate())) {
				throw new InvalidInputException("start",
						"must be at least " + minimum.toHours() + " h from the patient's infusion of "
								+ otherStart.toLocalDate() + " " + otherStart.toLocalTime()
								+ ", and on another day (minimum interval)");
			}
		}
	}

	private static LocalDate lastOfFirstPhase(Course course, List<Appointment> appointments, Map<UUID, Instant> moved,
			ZoneId zone) {
		String firstPhase = course.protocol().firstPhase().name();
		return appointments.stream()
			.filter((appointment) -> appointment.kind() == VisitKind.INFUSION && appointment.status().holdsRoom()
					&& appointment.phase().equals(firstPhase))
			.map((appointment) -> moved.getOrDefault(appointment.id(), appointment.start()))
			.max(Comparator.naturalOrder())
			.map((instant) -> instant.atZone(zone).toLocalDate())
			.orElse(null);
	}

	private String moveFollowUp(StaffPrincipal by, Course course, List<Appointment> appointments,
			LocalDate lastOfFirstPhase) {
		Optional<Appointment> followUp = appointments.stream()
			.filter((appointment) -> appointment.kind() == VisitKind.FOLLOW_UP
					&& appointment.status() == AppointmentStatus.BOOKED)
			.findFirst();
		if (followUp.isEmpty()) {
			return "";
		}
		PlanningRequest request = planning(by.clinicId(), by.clinicZone(), course.patientId(), course.protocol(),
				lastOfFirstPhase, PatientAvailability.anyTime());
		List<Booking> withoutFollowUp = request.bookings()
			.stream()
			.filter((booking) -> !(booking.start().equals(followUp.get().start())
					&& booking.roomId().equals(followUp.get().roomId())))
			.toList();
		PlanningRequest withoutIt = new PlanningRequest(request.patientId(), request.protocol(), request.startDate(),
				request.zone(), request.rooms(), request.staff(), withoutFollowUp, request.nursePatientsMax(),
				request.slotMinutes(), request.followUpVisitMinutes(), request.followUpToleranceDays(),
				request.availability());
		ProposedVisit visit = CourseProposer.placeFollowUp(withoutIt, lastOfFirstPhase)
			.orElseThrow(() -> new ConflictException(
					"The follow-up visit cannot move with the last " + course.protocol().firstPhase().name()
							+ " infusion: nothing fits within " + request.followUpToleranceDays() + " days of "
							+ lastOfFirstPhase.plusDays(course.protocol().followUpDays())));
		reschedule(followUp.get(), visit.start().toInstant(), visit.end().toInstant(), visit.roomId());
		return "; follow-up " + followUp.get().start() + " -> " + visit.start().toInstant();
	}

	private void reschedule(Appointment appointment, Instant start, Instant end, UUID roomId) {
		try {
			this.repository.reschedule(appointment, start, end, roomId);
		}
		catch (DataIntegrityViolationException ex) {
			throw roomTaken(ex);
		}
	}

	private UUID insert(StaffPrincipal by, Course course, VisitKind kind, String phase, int number, Instant start,
			Instant end, UUID roomId) {
		UUID id = UUID.randomUUID();
		try {
			this.repository
				.insertAppointment(
						new Appointment(id, by.clinicId(), course.id(), course.patientId(), kind, phase, number, roomId,
								null, start, end, AppointmentStatus.BOOKED, null, 0),
						by.staffId(), this.clock.instant());
		}
		catch (DataIntegrityViolationException ex) {
			throw roomTaken(ex);
		}
		return id;
	}

	private static RuntimeException roomTaken(DataIntegrityViolationException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof java.sql.SQLException sql && EXCLUSION_VIOLATION.equals(sql.getSQLState())) {
			return new ConflictException("The room was booked by someone else at the same moment; propose again");
		}
		return ex;
	}

	private List<ProposedVisit> adjusted(PlanningRequest request, List<ProposedVisit> proposed,
			List<StartCourse.AdjustedVisit> adjustments) {
		if (adjustments.size() != proposed.size()) {
			throw new InvalidInputException("visits", "give exactly " + proposed.size()
					+ " visits, one for each of the " + "proposal, or none to book the proposal as it is");
		}
		ZoneId zone = request.zone();
		Map<UUID, Room> rooms = request.rooms().stream().collect(Collectors.toMap(Room::id, Function.identity()));
		ScheduleRules rules = new ScheduleRules(zone, request.rooms(), request.staff(), request.bookings(),
				request.nursePatientsMax());
		List<InvalidInputException.FieldError> errors = new ArrayList<>();
		List<String> conflicts = new ArrayList<>();
		List<ProposedVisit> visits = new ArrayList<>();
		ZonedDateTime previousInfusion = null;
		Instant now = this.clock.instant();
		for (int index = 0; index < proposed.size(); index++) {
			ProposedVisit planned = proposed.get(index);
			StartCourse.AdjustedVisit adjustment = adjustments.get(index);
			String field = "visits[" + index + "]";
			if (adjustment.start() == null) {
				errors.add(new InvalidInputException.FieldError(field + ".start", "is required"));
				continue;
			}
			Room room = rooms.get(adjustment.roomId());
			if (room == null || !room.active()) {
				errors.add(new InvalidInputException.FieldError(field + ".roomId",
						"must be a room of this clinic in use"));
				continue;
			}
			ZonedDateTime start = adjustment.start().atZoneSameInstant(zone);
			ZonedDateTime end = start.plus(Duration.between(planned.start(), planned.end()));
			boolean infusion = planned.kind() == VisitKind.INFUSION;
			if (!start.toInstant().isAfter(now)) {
				errors.add(new InvalidInputException.FieldError(field + ".start", "must be in the future"));
				continue;
			}
			if (infusion && previousInfusion != null) {
				Duration minimum = Duration
					.ofHours(CourseDeviations.minimumIntervalHours(request.protocol(), planned.phase()));
				if (Duration.between(previousInfusion, start).compareTo(minimum) < 0
						|| !start.toLocalDate().isAfter(previousInfusion.toLocalDate())) {
					errors.add(new InvalidInputException.FieldError(field + ".start", "must be at least "
							+ minimum.toHours() + " h after the previous infusion, on a later day (minimum interval)"));
					continue;
				}
			}
			LocalDate[] window = window(request.protocol(), request.startDate(), planned.phase());
			if (infusion && (start.toLocalDate().isBefore(window[0]) || !start.toLocalDate().isBefore(window[1]))) {
				errors.add(new InvalidInputException.FieldError(field + ".start", "must fall within the "
						+ planned.phase() + " window, " + window[0] + " to " + window[1].minusDays(1)));
				continue;
			}
			ScheduleRules.Verdict verdict = rules.check(start, end, infusion, room.id(), request.patientId(),
					PatientAvailability.anyTime(), EnumSet.allOf(BlockingConstraint.class));
			if (!verdict.fits()) {
				conflicts.add(planned.kind().code().replace('_', '-') + " " + planned.number() + " at "
						+ start.toLocalDate() + " " + start.toLocalTime() + " in " + room.name() + ": "
						+ verdict.blocker().description() + " (" + verdict.blocker() + ")");
				continue;
			}
			rules.add(new Booking(room.id(), start.toInstant(), end.toInstant(), infusion, request.patientId()));
			if (infusion) {
				previousInfusion = start;
			}
			visits.add(new ProposedVisit(planned.kind(), planned.phase(), planned.number(), start, end, room.id()));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (!conflicts.isEmpty()) {
			throw new ConflictException("The schedule does not allow " + String.join("; ", conflicts));
		}
		return visits;
	}

	/** The first day and the first day after the window of the named phase. */
	private static LocalDate[] window(Protocol protocol, LocalDate startDate, String phaseName) {
		LocalDate phaseStart = startDate;
		for (Protocol.Phase phase : protocol.phases()) {
			LocalDate end = phaseStart.plusDays(phase.windowDays());
			if (phase.name().equals(phaseName)) {
				return new LocalDate[] { phaseStart, end };
			}
			phaseStart = end;
		}
		return new LocalDate[] { startDate, LocalDate.MAX };
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
