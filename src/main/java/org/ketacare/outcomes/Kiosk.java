package org.ketacare.outcomes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.ketacare.patient.Patient;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clinic's questionnaire kiosk: a tablet that lists today's infusion patients by
 * first name and initial only, and lets the patient answer the pre-infusion
 * questionnaires through single-use personal links.
 */
@Service
public class Kiosk {

	/** What a patient answers before an infusion, in this order. */
	static final List<String> INSTRUMENTS = List.of("PHQ-9", "C-SSRS");

	private final ClinicInfusions infusions;

	private final PatientRegistry patients;

	private final QuestionnaireLinks links;

	private final AuditLog audit;

	private final Clock clock;

	Kiosk(ClinicInfusions infusions, PatientRegistry patients, QuestionnaireLinks links, AuditLog audit, Clock clock) {
		this.infusions = infusions;
		this.patients = patients;
		this.links = links;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Today's infusion appointments of the caller's clinic; each patient shown is
	 * audited.
	 */
	@Transactional
	public List<Entry> today(StaffPrincipal by) {
		ZoneId zone = by.clinicZone();
		LocalDate today = LocalDate.now(this.clock.withZone(zone));
		Instant from = today.atStartOfDay(zone).toInstant();
		Instant to = today.plusDays(1).atStartOfDay(zone).toInstant();
		return this.infusions.between(by.clinicId(), from, to).stream().map((infusion) -> {
			Patient patient = this.patients.get(by.clinicId(), infusion.patientId());
			this.audit.record(by,
					AuditRecord.success("KIOSK_LIST_VIEWED")
						.target("appointment", infusion.appointmentId())
						.patient(patient.id()));
			return new Entry(infusion.appointmentId(), shortName(patient), infusion.start());
		}).toList();
	}

	/**
	 * Personal links for the pre-infusion questionnaires of this appointment, audited
	 * with the patient.
	 * @return the tokens, in the order the patient answers them
	 * @throws NotFoundException when the clinic has no such booked infusion
	 */
	@Transactional
	public List<String> start(StaffPrincipal by, UUID appointmentId) {
		ClinicInfusions.Infusion infusion = this.infusions.find(by.clinicId(), appointmentId)
			.orElseThrow(() -> new NotFoundException("Infusion appointment " + appointmentId));
		String timePoint = new TimePoint(TimePoint.Kind.PRE_INFUSION,
				Math.min(infusion.infusionNumber(), TimePoint.MAX_INFUSION))
			.code();
		List<String> tokens = INSTRUMENTS.stream()
			.map((instrument) -> this.links.issue(by, infusion.patientId(), instrument, timePoint).token())
			.toList();
		this.audit.record(by,
				AuditRecord.success("KIOSK_QUESTIONNAIRES_STARTED")
					.target("appointment", appointmentId)
					.patient(infusion.patientId())
					.details(String.join(", ", INSTRUMENTS) + " " + timePoint));
		return tokens;
	}

	/** The given name and the family name's initial: enough to find oneself, no more. */
	static String shortName(Patient patient) {
		String family = patient.familyName().strip();
		return patient.givenName().strip() + (family.isEmpty() ? "" : " " + family.substring(0, 1) + ".");
	}

	/** A line of the kiosk list. */
	public record Entry(UUID appointmentId, String name, Instant start) {
	}

}
