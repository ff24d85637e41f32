package org.ketacare.outcomes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code outcome_responses}, always within one clinic.
 */
@Repository
class ResponseRepository {

	private static final String COLUMNS = """
			r.clinic_id, r.id, r.patient_id, r.instrument, r.time_point, r.answers, r.total, r.severity, r.complete,
			r.prorated, r.flags, r.answered_by, r.source, r.recorded_by, r.recorded_by_name, r.answered_at,
			r.recorded_at, r.corrects, r.correction_reason,
			(SELECT c.id FROM outcome_responses c WHERE c.clinic_id = r.clinic_id AND c.corrects = r.id) AS corrected_by
			""";

	private final JdbcClient jdbc;

	ResponseRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID clinicId, ResponseRecord response) {
		this.jdbc
			.sql("""
					INSERT INTO outcome_responses (clinic_id, id, patient_id, instrument, time_point, answers, total, severity,
					    complete, prorated, flags, answered_by, source, recorded_by, recorded_by_name, answered_at, recorded_at,
					    corrects, correction_reason, content_hash)
					VALUES (:clinic, :id, :patient, :instrument, :timePoint, CAST(:answers AS INT[]), :total, :severity,
					    :complete, :prorated, CAST(:flags AS TEXT[]), :answeredBy, :source, :recordedBy, :recordedByName,
					    :answeredAt, :recordedAt, :corrects, :reason, :hash)
					""")
			.param("clinic", clinicId)
			.param("id", response.id())
			.param("patient", response.patientId())
			.param("instrument", response.instrument())
			.param("timePoint", response.timePoint().code())
			.param("answers", arrayText(response.answers()))
			.param("total", response.score().total(), java.sql.Types.INTEGER)
			.param("severity", response.score().severity(), java.sql.Types.VARCHAR)
			.param("complete", response.score().complete())
			.param("prorated", response.score().prorated())
			.param("flags", arrayText(response.score().flags()))
			.param("answeredBy", response.answeredBy().name())
			.param("source", response.source().name())
			.param("recordedBy", response.recordedBy())
			.param("recordedByName", response.recordedByName())
			.param("answeredAt", Timestamps.of(response.answeredAt()))
			.param("recordedAt", Timestamps.of(response.recordedAt()))
			.param("corrects", response.corrects(), java.sql.Types.OTHER)
			.param("reason", response.correctionReason(), java.sql.Types.VARCHAR)
			.param("hash", contentHash(clinicId, response))
			.update();
	}

	Optional<ResponseRecord> find(UUID clinicId, UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM outcome_responses r WHERE r.clinic_id = ? AND r.id = ?")
			.params(clinicId, id)
			.query(ResponseRepository::map)
			.optional();
	}

	/** Every response of the patient, corrected or not, newest first. */
	List<ResponseRecord> forPatient(UUID clinicId, UUID patientId) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM outcome_responses r WHERE r.clinic_id = ? AND r.patient_id = ?
				 ORDER BY r.answered_at DESC, r.recorded_at DESC
				""").params(clinicId, patientId).query(ResponseRepository::map).list();
	}

	/**
	 * The clinic's scored responses on one instrument that no correction replaced, for
	 * the dashboard.
	 */
	List<ResponseRecord> currentScored(UUID clinicId, String instrument) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ """
							 FROM outcome_responses r
							 WHERE r.clinic_id = ? AND r.instrument = ? AND r.total IS NOT NULL
							   AND NOT EXISTS (SELECT 1 FROM outcome_responses c WHERE c.clinic_id = r.clinic_id AND c.corrects = r.id)
							 ORDER BY r.patient_id, r.answered_at
							""")
			.params(clinicId, instrument)
			.query(ResponseRepository::map)
			.list();
	}

	private static ResponseRecord map(ResultSet rs, int row) throws SQLException {
		List<String> flags = Arrays.asList((String[]) array(rs.getArray("flags")));
		Integer total = (Integer) rs.getObject("total");
		Score score = new Score(total, rs.getString("severity"), rs.getBoolean("complete"), rs.getBoolean("prorated"),
				flags);
		return new ResponseRecord(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
				rs.getString("instrument"), TimePoint.parse(rs.getString("time_point")),
				Arrays.asList((Integer[]) array(rs.getArray("answers"))), score,
				ResponseRecord.AnsweredBy.valueOf(rs.getString("answered_by")),
				ResponseRecord.Source.valueOf(rs.getString("source")), rs.getObject("recorded_by", UUID.class),
				rs.getString("recorded_by_name"), Timestamps.read(rs, "answered_at"),
				Timestamps.read(rs, "recorded_at"), rs.getObject("corrects", UUID.class),
				rs.getString("correction_reason"), rs.getObject("corrected_by", UUID.class));
	}

	private static Object array(Array array) throws SQLException {
		try {
			return array.getArray();
		}
		finally {
			array.free();
		}
	}

	/** A PostgreSQL array literal of integers or of UPPER_SNAKE_CASE codes. */
	private static String arrayText(List<?> values) {
		return values.stream()
			.map((value) -> (value != null) ? value.toString() : "NULL")
			.collect(Collectors.joining(",", "{", "}"));
	}

	private static String contentHash(UUID clinicId, ResponseRecord response) {
		String content = String.join("|", clinicId.toString(), response.id().toString(),
				response.patientId().toString(), response.instrument(), response.timePoint().code(),
				arrayText(response.answers()), String.valueOf(response.score().total()),
				String.valueOf(response.score().severity()), String.valueOf(response.score().complete()),
				String.valueOf(response.score().prorated()), arrayText(response.score().flags()),
				response.answeredBy().name(), response.source().name(), response.recordedBy().toString(),
				response.answeredAt().toString(), response.recordedAt().toString(), String.valueOf(response.corrects()),
				String.valueOf(response.correctionReason()));
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
