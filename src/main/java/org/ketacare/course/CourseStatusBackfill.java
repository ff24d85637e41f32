package org.ketacare.course;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ketacare.patient.PatientRegistry;
import org.ketacare.patient.PatientStatus;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves to follow-up the patients left in course by courses that were completed or
 * discontinued before ending a course moved the patient on, once, at startup. Each move
 * goes through the patient registry, so it is in the status history and has its own audit
 * row, with this task as the actor. Safe with several nodes starting at once: one holds
 * an advisory lock while the others skip, and a patient already moved is not moved again.
 * When nothing is left to correct it costs one indexed query.
 */
@Component
class CourseStatusBackfill {

	/** The actor of the audit rows. */
	static final String TASK = "system: course status backfill";

	private static final Logger log = LoggerFactory.getLogger(CourseStatusBackfill.class);

	private final CourseRepository repository;

	private final PatientRegistry patients;

	private final TransactionTemplate transaction;

	CourseStatusBackfill(CourseRepository repository, PatientRegistry patients,
			PlatformTransactionManager transactions) {
		this.repository = repository;
		this.patients = patients;
		this.transaction = new TransactionTemplate(transactions);
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStartup() {
		try {
			int moved = run();
			if (moved > 0) {
				log.info("Moved {} patient(s) whose course had ended from 'In course' to 'Follow-up'", moved);
			}
		}
		catch (RuntimeException ex) {
			// The clinic works on with the statuses as they are; the next start tries
			// again.
			log.error("The course status backfill failed; nothing was changed", ex);
		}
	}

	/**
	 * Corrects every patient still in course whose courses have all ended.
	 * @return how many patients were moved; 0 when another node is doing it
	 */
	int run() {
		Integer moved = this.transaction.execute((status) -> {
			if (!this.repository.tryLockStatusBackfill()) {
				return 0;
			}
			int count = 0;
			for (Map.Entry<UUID, UUID> patient : this.repository.inCourseWithEndedCourses()) {
				if (moveToFollowUp(patient.getKey(), patient.getValue())) {
					count++;
				}
			}
			return count;
		});
		return (moved != null) ? moved : 0;
	}

	private boolean moveToFollowUp(UUID clinicId, UUID patientId) {
		// The lock a course start takes: no course starts for the patient meanwhile.
		this.repository.lockSchedule(clinicId);
		List<Course> courses = this.repository.coursesOfPatient(clinicId, patientId);
		if (courses.isEmpty() || courses.stream().anyMatch((course) -> course.status().isOpen())
				|| this.patients.get(clinicId, patientId).status() != PatientStatus.IN_COURSE) {
			return false;
		}
		Course last = courses.get(0);
		String ended = (last.status() == CourseStatus.DISCONTINUED) ? "Course discontinued: " + last.statusReason()
				: "Course completed: " + last.protocol().name();
		return this.patients.changeStatusAutomatically(clinicId, patientId, PatientStatus.FOLLOW_UP,
				ended + " (corrected automatically: the course ended before ending a course moved the patient to "
						+ "follow-up)",
				TASK);
	}

}
