package org.ketacare.course;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.ketacare.platform.ConflictException;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The course module's tables. Every query names the clinic. */
@Repository
class CourseRepository {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final String COURSE_COLUMNS = """
			clinic_id, id, patient_id, protocol_json, start_date, status, status_reason, screening_id, created_at, version
			""";

	private static final String APPOINTMENT_COLUMNS = """
			clinic_id, id, course_id, patient_id, kind, phase, number, room_id, starts_at, ends_at, status,
			status_reason, version
			""";

	private final JdbcClient jdbc;

	CourseRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serialises every booking of the clinic until the transaction ends, so that the
	 * nurse and interval checks see every other booking; the database's exclusion
	 * constraint guards the rooms even without it.
	 */
	void lockSchedule(UUID clinicId) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('schedule/' || ?, 0))")
			.param(clinicId.toString())
			.query((rs, row) -> 0)
			.list();
	}

	/**
	 * Takes the installation-wide lock of the course status backfill until the
	 * transaction ends; false, at once, when another node holds it.
	 */
	boolean tryLockStatusBackfill() {
		return this.jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtextextended('course-status-backfill', 0))")
			.query(Boolean.class)
			.single();
	}

	/**
	 * Patients of every clinic still in course although their courses have all ended: one
	 * query over the small index of patients in course (patients_in_course_idx), each
	 * checked against the index of open courses, so it costs little when there is nothing
	 * to correct.
	 */
	static final String IN_COURSE_WITH_ENDED_COURSES = """
			SELECT p.clinic_id, p.id FROM patient_names p
			 WHERE p.status = 'IN_COURSE'
			   AND NOT EXISTS (SELECT 1 FROM courses c WHERE c.clinic_id = p.clinic_id AND c.patient_id = p.id
			                      AND c.status IN ('PLANNED', 'INDUCTION', 'MAINTENANCE'))
			   AND EXISTS (SELECT 1 FROM courses c WHERE c.clinic_id = p.clinic_id AND c.patient_id = p.id
			                  AND c.status IN ('COMPLETED', 'DISCONTINUED'))
			 ORDER BY p.clinic_id, p.id
			""";

	/** See {@link #IN_COURSE_WITH_ENDED_COURSES}. */
	List<Map.Entry<UUID, UUID>> inCourseWithEndedCourses() {
		return this.jdbc.sql(IN_COURSE_WITH_ENDED_COURSES)
			.query((rs, row) -> Map.entry(rs.getObject("clinic_id", UUID.class), rs.getObject("id", UUID.class)))
			.list();
	}

	void insertCourse(Course course, UUID createdBy) {
		this.jdbc.sql("""
				INSERT INTO courses (clinic_id, id, patient_id, protocol_code, protocol_json, start_date, status,
				    screening_id, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(course.clinicId(), course.id(), course.patientId(), course.protocol().code(),
					JSON.writeValueAsString(course.protocol()), course.startDate(), course.status().name(),
					course.screeningId(), createdBy, Timestamps.of(course.createdAt()))
			.update();
	}

	Optional<Course> course(UUID clinicId, UUID courseId) {
		return this.jdbc.sql("SELECT " + COURSE_COLUMNS + " FROM courses WHERE clinic_id = ? AND id = ?")
			.params(clinicId, courseId)
			.query(CourseRepository::course)
			.optional();
	}

	List<Course> coursesOfPatient(UUID clinicId, UUID patientId) {
		return this.jdbc
			.sql("SELECT " + COURSE_COLUMNS
					+ " FROM courses WHERE clinic_id = ? AND patient_id = ? ORDER BY created_at DESC")
			.params(clinicId, patientId)
			.query(CourseRepository::course)
			.list();
	}

	void changeStatus(Course course, CourseStatus status, String reason) {
		int updated = this.jdbc.sql("""
				UPDATE courses SET status = ?, status_reason = ?, version = version + 1
				 WHERE clinic_id = ? AND id = ? AND version = ?
				""").params(status.name(), reason, course.clinicId(), course.id(), course.version()).update();
		if (updated != 1) {
			throw new ConflictException("Someone else changed this course at the same time; reload and try again");
		}
	}

	void insertAppointment(Appointment appointment, UUID bookedBy, Instant at) {
		this.jdbc.sql("""
				INSERT INTO appointments (clinic_id, id, course_id, patient_id, kind, phase, number, room_id, starts_at,
				    ends_at, status, booked_by, booked_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'BOOKED', ?, ?)
				""")
			.params(appointment.clinicId(), appointment.id(), appointment.courseId(), appointment.patientId(),
					appointment.kind().name(), appointment.phase(), appointment.number(), appointment.roomId(),
					Timestamps.of(appointment.start()), Timestamps.of(appointment.end()), bookedBy, Timestamps.of(at))
			.update();
	}

	Optional<Appointment> appointment(UUID clinicId, UUID appointmentId) {
		return this.jdbc.sql("SELECT " + APPOINTMENT_COLUMNS + " FROM appointments WHERE clinic_id = ? AND id = ?")
			.params(clinicId, appointmentId)
			.query(CourseRepository::appointment)
			.optional();
	}

	List<Appointment> appointmentsOfCourse(UUID clinicId, UUID courseId) {
		return this.jdbc
			.sql("SELECT " + APPOINTMENT_COLUMNS
					+ " FROM appointments WHERE clinic_id = ? AND course_id = ? ORDER BY starts_at")
			.params(clinicId, courseId)
			.query(CourseRepository::appointment)
			.list();
	}

	/** Every appointment that overlaps the period, cancelled ones included. */
	List<Appointment> appointmentsBetween(UUID clinicId, Instant from, Instant to) {
		return this.jdbc.sql("SELECT " + APPOINTMENT_COLUMNS + """
				 FROM appointments WHERE clinic_id = ? AND starts_at < ? AND ends_at > ? ORDER BY starts_at
				""")
			.params(clinicId, Timestamps.of(to), Timestamps.of(from))
			.query(CourseRepository::appointment)
			.list();
	}

	List<Appointment> attendedInfusionsStarting(UUID clinicId, Instant from, Instant to) {
		return this.jdbc.sql("SELECT " + APPOINTMENT_COLUMNS + """
				 FROM appointments WHERE clinic_id = ? AND starts_at >= ? AND starts_at < ?
				 AND kind = 'INFUSION' AND status = 'ATTENDED' ORDER BY starts_at
				""")
			.params(clinicId, Timestamps.of(from), Timestamps.of(to))
			.query(CourseRepository::appointment)
			.list();
	}

	void reschedule(Appointment appointment, Instant start, Instant end, UUID roomId) {
		int updated = this.jdbc.sql("""
				UPDATE appointments SET starts_at = ?, ends_at = ?, room_id = ?, version = version + 1
				 WHERE clinic_id = ? AND id = ? AND version = ? AND status = 'BOOKED'
				""")
			.params(Timestamps.of(start), Timestamps.of(end), roomId, appointment.clinicId(), appointment.id(),
					appointment.version())
			.update();
		if (updated != 1) {
			throw new ConflictException("Someone else changed this appointment at the same time; reload and try again");
		}
	}

	void changeStatus(Appointment appointment, AppointmentStatus status, String reason) {
		int updated = this.jdbc.sql("""
				UPDATE appointments SET status = ?, status_reason = ?, version = version + 1
				 WHERE clinic_id = ? AND id = ? AND version = ?
				""")
			.params(status.name(), reason, appointment.clinicId(), appointment.id(), appointment.version())
			.update();
		if (updated != 1) {
			throw new ConflictException("Someone else changed this appointment at the same time; reload and try again");
		}
	}

	List<BoosterRequest> boosterRequests(UUID clinicId, UUID courseId) {
		return this.jdbc
			.sql("SELECT " + BOOSTER_COLUMNS
					+ " FROM booster_requests WHERE clinic_id = ? AND course_id = ? ORDER BY suggested_at DESC")
			.params(clinicId, courseId)
			.query(CourseRepository::boosterRequest)
			.list();
	}

	Optional<BoosterRequest> boosterRequest(UUID clinicId, UUID requestId) {
		return this.jdbc.sql("SELECT " + BOOSTER_COLUMNS + " FROM booster_requests WHERE clinic_id = ? AND id = ?")
			.params(clinicId, requestId)
			.query(CourseRepository::boosterRequest)
			.optional();
	}

	void insertBoosterRequest(UUID clinicId, BoosterRequest request) {
		this.jdbc
			.sql("""
					INSERT INTO booster_requests (clinic_id, id, course_id, patient_id, reason, source, suggested_at, status,
					    decided_by_name, decided_at, decision_meaning)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					""")
			.params(clinicId, request.id(), request.courseId(), request.patientId(), request.reason(), request.source(),
					Timestamps.of(request.suggestedAt()), request.status().name(), request.decidedByName(),
					(request.decidedAt() != null) ? Timestamps.of(request.decidedAt()) : null,
					(request.decidedByName() != null) ? "Booster ordered by physician" : null)
			.update();
	}

	/** A physician's signed decision; false when someone else decided first. */
	boolean decideBoosterRequest(UUID clinicId, UUID requestId, BoosterRequest.Status to, String byName, Instant at,
			String meaning) {
		return this.jdbc.sql("""
				UPDATE booster_requests SET status = ?, decided_by_name = ?, decided_at = ?, decision_meaning = ?
				 WHERE clinic_id = ? AND id = ? AND status = 'SUGGESTED'
				""").params(to.name(), byName, Timestamps.of(at), meaning, clinicId, requestId).update() == 1;
	}

	/** The confirmed booster is booked; false when it was booked already. */
	boolean bookBoosterRequest(UUID clinicId, UUID requestId, UUID appointmentId) {
		return this.jdbc.sql("""
				UPDATE booster_requests SET status = 'BOOKED', appointment_id = ?
				 WHERE clinic_id = ? AND id = ? AND status = 'CONFIRMED'
				""").params(appointmentId, clinicId, requestId).update() == 1;
	}

	private static final String BOOSTER_COLUMNS = """
			id, course_id, patient_id, reason, source, suggested_at, status, decided_by_name, decided_at, appointment_id
			""";

	private static BoosterRequest boosterRequest(ResultSet rs, int row) throws SQLException {
		return new BoosterRequest(rs.getObject("id", UUID.class), rs.getObject("course_id", UUID.class),
				rs.getObject("patient_id", UUID.class), rs.getString("reason"), rs.getString("source"),
				Timestamps.read(rs, "suggested_at"), BoosterRequest.Status.valueOf(rs.getString("status")),
				rs.getString("decided_by_name"), Timestamps.read(rs, "decided_at"),
				rs.getObject("appointment_id", UUID.class));
	}

	private static Course course(ResultSet rs, int row) throws SQLException {
		return new Course(rs.getObject("id", UUID.class), rs.getObject("clinic_id", UUID.class),
				rs.getObject("patient_id", UUID.class), JSON.readValue(rs.getString("protocol_json"), Protocol.class),
				rs.getObject("start_date", java.time.LocalDate.class), CourseStatus.valueOf(rs.getString("status")),
				rs.getString("status_reason"), rs.getObject("screening_id", UUID.class),
				Timestamps.read(rs, "created_at"), rs.getInt("version"));
	}

	private static Appointment appointment(ResultSet rs, int row) throws SQLException {
		return new Appointment(rs.getObject("id", UUID.class), rs.getObject("clinic_id", UUID.class),
				rs.getObject("course_id", UUID.class), rs.getObject("patient_id", UUID.class),
				VisitKind.valueOf(rs.getString("kind")), rs.getString("phase"), rs.getInt("number"),
				rs.getObject("room_id", UUID.class), null, Timestamps.read(rs, "starts_at"),
				Timestamps.read(rs, "ends_at"), AppointmentStatus.valueOf(rs.getString("status")),
				rs.getString("status_reason"), rs.getInt("version"));
	}

}
