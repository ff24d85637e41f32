package org.ketacare.fhir;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clinic's bulk FHIR exports still on record (running, or finished within the
 * retention time), for the home pages of those who watch over the clinic's data: a
 * whole-clinic export should never go unnoticed.
 */
@Component
public class BulkExportActivity {

	private static final Set<Role> WATCHERS = Set.of(Role.CLINIC_ADMIN, Role.PHYSICIAN);

	private final JdbcClient jdbc;

	BulkExportActivity(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether the staff member is shown the clinic's exports. */
	public boolean watches(StaffPrincipal me) {
		return WATCHERS.stream().anyMatch(me::hasRole);
	}

	/**
	 * The clinic's exports, newest first.
	 * @throws AccessDeniedException for roles that do not watch exports
	 */
	@Transactional(readOnly = true)
	public List<Export> recent(StaffPrincipal me) {
		if (!watches(me)) {
			throw new AccessDeniedException("Bulk exports are shown to clinic administrators and physicians");
		}
		return this.jdbc.sql("""
				SELECT j.id, s.display_name, j.requested_at, j.status, j.patients_done, j.patients_total,
				       j.finished_at
				  FROM fhir_export_jobs j
				  JOIN staff_names s ON s.clinic_id = j.clinic_id AND s.id = j.requested_by
				 WHERE j.clinic_id = ?
				 ORDER BY j.requested_at DESC
				 LIMIT 20
				""")
			.param(me.clinicId())
			.query((rs, row) -> new Export(rs.getObject("id", UUID.class), rs.getString("display_name"),
					Timestamps.read(rs, "requested_at"), rs.getString("status").toLowerCase(java.util.Locale.ROOT),
					rs.getInt("patients_done"), rs.getInt("patients_total"), Timestamps.read(rs, "finished_at")))
			.list();
	}

	/**
	 * One export.
	 *
	 * @param status {@code running}, {@code done} or {@code failed}
	 * @param finishedAt {@code null} while running
	 */
	public record Export(UUID id, String requestedBy, Instant requestedAt, String status, int patientsDone,
			int patientsTotal, Instant finishedAt) {
	}

}
