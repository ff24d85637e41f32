package org.ketacare.outcomes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.InvalidInputException.FieldError;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clinic's results on an instrument that has a response or remission definition,
 * computed from the stored responses each time it is asked for (see {@link Dashboard}).
 * Aggregates only: no patient is named.
 */
@Service
public class ClinicDashboard {

	private final Instruments instruments;

	private final ResponseRepository responses;

	private final AuditLog audit;

	private final FollowUpVisits courses;

	ClinicDashboard(Instruments instruments, ResponseRepository responses, AuditLog audit, FollowUpVisits courses) {
		this.instruments = instruments;
		this.responses = responses;
		this.audit = audit;
		this.courses = courses;
	}

	/** The protocols of the clinic's courses, for the filter. */
	public List<String> protocols(StaffPrincipal by) {
		return this.courses.protocolCodes(by.clinicId());
	}

	/** The instruments the dashboard can judge, by code. */
	public List<Instrument> judgeable() {
		return this.instruments.all()
			.stream()
			.filter((instrument) -> instrument.response() != null || instrument.remission() != null)
			.toList();
	}

	/**
	 * The dashboard of one instrument, of every patient or, with a {@code protocol}, of
	 * the patients who had a course on that protocol.
	 * @throws InvalidInputException naming {@code protocol} when no course of the clinic
	 * uses it
	 */
	@Transactional
	public Report report(StaffPrincipal by, String instrumentCode, Dashboard.Period period, String protocol) {
		Instrument instrument = this.instruments.get(instrumentCode, "instrument");
		String onProtocol = (protocol == null || protocol.isBlank()) ? null : protocol.strip();
		if (onProtocol != null && !protocols(by).contains(onProtocol)) {
			throw new InvalidInputException(List.of(new FieldError("protocol",
					"must be the protocol of a course: " + String.join(", ", protocols(by)))));
		}
		Set<UUID> included = (onProtocol != null) ? this.courses.patientsOnProtocol(by.clinicId(), onProtocol) : null;
		Map<UUID, List<ScoredPoint>> byPatient = new LinkedHashMap<>();
		for (ResponseRecord response : this.responses.currentScored(by.clinicId(), instrument.code())) {
			if (included != null && !included.contains(response.patientId())) {
				continue;
			}
			byPatient.computeIfAbsent(response.patientId(), (id) -> new ArrayList<>()).add(Responses.point(response));
		}
		List<Dashboard.Row> rows = Dashboard.compute(instrument, byPatient, period, by.clinicZone());
		this.audit.record(by,
				AuditRecord.success("OUTCOMES_DASHBOARD_VIEWED")
					.details(instrument.code() + " by " + period.name().toLowerCase()
							+ ((onProtocol != null) ? " on " + onProtocol : "") + ", " + byPatient.size()
							+ " patients"));
		return new Report(instrument, period, onProtocol, rows);
	}

	/**
	 * The dashboard of one instrument.
	 *
	 * @param protocol the protocol it is limited to, or {@code null} for every patient
	 */
	public record Report(Instrument instrument, Dashboard.Period period, String protocol, List<Dashboard.Row> rows) {
	}

}
