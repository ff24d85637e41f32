package org.ketacare.course;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketacare.outcomes.ClinicInfusions;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The course module's answer to what the questionnaire kiosk asks of infusions. */
@Component
class OutcomesClinicInfusions implements ClinicInfusions {

	// Numbered within the course over the infusions that happen or will: a cancelled or
	// missed one is not an infusion the patient had.
	private static final String NUMBERED = """
			SELECT * FROM (
			    SELECT a.id, a.patient_id, a.starts_at,
			           row_number() OVER (PARTITION BY a.course_id ORDER BY a.starts_at) AS infusion_number
			      FROM appointments a
			     WHERE a.clinic_id = ? AND a.kind = 'INFUSION' AND a.status IN ('BOOKED', 'ATTENDED')
			) numbered
			""";

	private final JdbcClient jdbc;

	OutcomesClinicInfusions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Infusion> between(UUID clinicId, Instant from, Instant to) {
		return this.jdbc.sql(NUMBERED + " WHERE starts_at >= ? AND starts_at < ? ORDER BY starts_at")
			.params(clinicId, Timestamps.of(from), Timestamps.of(to))
			.query(OutcomesClinicInfusions::infusion)
			.list();
	}

	@Override
	public Optional<Infusion> find(UUID clinicId, UUID appointmentId) {
		return this.jdbc.sql(NUMBERED + " WHERE id = ?")
			.params(clinicId, appointmentId)
			.query(OutcomesClinicInfusions::infusion)
			.optional();
	}

	private static Infusion infusion(ResultSet rs, int row) throws SQLException {
		return new Infusion(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
				Timestamps.read(rs, "starts_at"), rs.getInt("infusion_number"));
	}

}
