package org.ketacare.outcomes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
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

	ClinicDashboard(Instruments instruments, ResponseRepository responses, AuditLog audit) {
		this.instruments = instruments;
		this.responses = responses;
		this.audit = audit;
	}

	/** The instruments the dashboard can judge, by code. */
	public List<Instrument> judgeable() {
		return this.instruments.all()
			.stream()
			.filter((instrument) -> instrument.response() != null || instrument.remission() != null)
			.toList();
	}

	@Transactional
	public Report report(StaffPrincipal by, String instrumentCode, Dashboard.Period period) {
		Instrument instrument = this.instruments.get(instrumentCode, "instrument");
		Map<UUID, List<ScoredPoint>> byPatient = new LinkedHashMap<>();
		for (ResponseRecord response : this.responses.currentScored(by.clinicId(), instrument.code())) {
			byPatient.computeIfAbsent(response.patientId(), (id) -> new ArrayList<>()).add(Responses.point(response));
		}
		List<Dashboard.Row> rows = Dashboard.compute(instrument, byPatient, period, by.clinicZone());
		this.audit.record(by, AuditRecord.success("OUTCOMES_DASHBOARD_VIEWED")
			.details(instrument.code() + " by " + period.name().toLowerCase() + ", " + byPatient.size() + " patients"));
		return new Report(instrument, period, rows);
	}

	/** The dashboard of one instrument. */
	public record Report(Instrument instrument, Dashboard.Period period, List<Dashboard.Row> rows) {
	}

}
