package org.ketacare.outcomes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ketacare.patient.Patient;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one-month follow-up: courses whose follow-up visit has passed without a PHQ-9 for
 * the {@code 1-month-follow-up} time point answered since the course was planned (an
 * earlier one belongs to an earlier course).
 */
@Service
public class FollowUps {

	static final String INSTRUMENT = "PHQ-9";

	private static final Instant END_OF_CALENDAR = Instant.parse("9999-01-01T00:00:00Z");

	private final FollowUpVisits visits;

	private final ResponseRepository responses;

	private final PatientRegistry patients;

	private final AuditLog audit;

	private final Clock clock;

	FollowUps(FollowUpVisits visits, ResponseRepository responses, PatientRegistry patients, AuditLog audit,
			Clock clock) {
		this.visits = visits;
		this.responses = responses;
		this.patients = patients;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The missing follow-ups of the caller's clinic, oldest visit first; each patient
	 * listed is audited.
	 */
	@Transactional
	public List<Missing> missing(StaffPrincipal by) {
		return missing(by, this.clock.instant());
	}

	@Transactional
	List<Missing> missing(StaffPrincipal by, Instant now) {
		// The latest follow-up visit of each course decides: a rebooked visit replaces a
		// missed one.
		Map<UUID, FollowUpVisits.Visit> latestByCourse = new LinkedHashMap<>();
		for (FollowUpVisits.Visit visit : this.visits.between(by.clinicId(), Instant.EPOCH, END_OF_CALENDAR)) {
			latestByCourse.put(visit.courseId(), visit);
		}
		List<ResponseRecord> followUpAnswers = this.responses.currentScored(by.clinicId(), INSTRUMENT)
			.stream()
			.filter((response) -> response.timePoint().equals(TimePoint.ONE_MONTH_FOLLOW_UP))
			.toList();
		List<Missing> missing = new ArrayList<>();
		for (FollowUpVisits.Visit visit : latestByCourse.values()) {
			boolean answered = followUpAnswers.stream()
				.anyMatch((response) -> response.patientId().equals(visit.patientId())
						&& !response.answeredAt().isBefore(visit.courseCreatedAt()));
			if (visit.start().isBefore(now) && !answered) {
				Patient patient = this.patients.get(by.clinicId(), visit.patientId());
				missing.add(new Missing(patient.id(), patient.fullName(), patient.mrn(), visit.courseId(),
						visit.protocolCode(), visit.appointmentId(), visit.start(), visit.status()));
				this.audit.record(by,
						AuditRecord.success("MISSING_FOLLOW_UP_LISTED")
							.target("patient", patient.id())
							.patient(patient.id())
							.details(INSTRUMENT + " follow-up visit " + visit.start()));
			}
		}
		missing.sort((a, b) -> a.visitStart().compareTo(b.visitStart()));
		return missing;
	}

	/**
	 * A course whose follow-up visit passed without the follow-up PHQ-9.
	 *
	 * @param visitStatus the follow-up appointment's status ({@code BOOKED},
	 * {@code ATTENDED}, {@code NO_SHOW})
	 */
	public record Missing(UUID patientId, String patientName, String mrn, UUID courseId, String protocol,
			UUID appointmentId, Instant visitStart, String visitStatus) {
	}

}
