package org.ketacare.screening;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.ketacare.clinic.Signature;
import org.ketacare.platform.Timestamps;
import org.ketacare.screening.Screening.Review;
import org.ketacare.screening.Screening.ReviewDecision;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The screening module's SQL. Rows are only ever inserted; every statement names the
 * clinic.
 */
@Repository
class ScreeningRepository {

	private static final String COLUMNS = """
			s.clinic_id, s.id, s.patient_id, s.screened_at, s.screened_by_name, s.age_years, s.answers::text AS answers,
			s.notes, s.outcome, s.maudsley_minimum, s.maudsley_maximum, s.maudsley_missing, s.rule_set_id,
			s.rules_version, s.rule_parameters, s.supersedes,
			(SELECT n.id FROM screenings n WHERE n.clinic_id = s.clinic_id AND n.supersedes = s.id) AS superseded_by,
			r.id AS review_id, r.decision, r.reviewed_outcome, r.justification, r.signer_name, r.signed_at, r.meaning
			""";

	private static final String FROM = """
			 FROM screenings s
			 LEFT JOIN screening_reviews r ON r.clinic_id = s.clinic_id AND r.screening_id = s.id
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ScreeningRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(UUID clinicId, UUID id, UUID patientId, java.time.Instant at, UUID by, String byName,
			ScreeningFacts facts, String notes, Decision decision, UUID supersedes) {
		this.jdbc
			.sql("""
					INSERT INTO screenings (clinic_id, id, patient_id, screened_at, screened_by, screened_by_name, age_years,
					    answers, notes, outcome, maudsley_minimum, maudsley_maximum, maudsley_missing, rule_set_id,
					    rules_version, rule_parameters, supersedes)
					VALUES (:clinic, :id, :patient, :at, :by, :byName, :age, CAST(:answers AS jsonb), :notes, :outcome,
					    :msmMin, :msmMax, :msmMissing, :ruleSet, :version, :parameters, :supersedes)
					""")
			.param("clinic", clinicId)
			.param("id", id)
			.param("patient", patientId)
			.param("at", Timestamps.of(at))
			.param("by", by)
			.param("byName", byName)
			.param("age", facts.ageYears())
			.param("answers", this.json.writeValueAsString(facts))
			.param("notes", notes, Types.VARCHAR)
			.param("outcome", decision.outcome().name())
			.param("msmMin", decision.maudsley().minimum())
			.param("msmMax", decision.maudsley().maximum())
			.param("msmMissing", String.join("|", decision.maudsley().missing()))
			.param("ruleSet", RuleSet.ID)
			.param("version", RuleSet.VERSION)
			.param("parameters", decision.ruleParameters())
			.param("supersedes", supersedes, Types.OTHER)
			.update();
		for (int position = 0; position < decision.reasons().size(); position++) {
			Reason reason = decision.reasons().get(position);
			this.jdbc.sql("""
					INSERT INTO screening_reasons (clinic_id, screening_id, position, code, kind, message, evidence)
					VALUES (?, ?, ?, ?, ?, ?, ?)
					""")
				.params(clinicId, id, position, reason.code(), reason.kind().name(), reason.message(),
						reason.evidence())
				.update();
		}
	}

	void insertReview(UUID clinicId, UUID screeningId, ReviewDecision decision, Outcome reviewedOutcome,
			String justification, Signature signature) {
		this.jdbc.sql("""
				INSERT INTO screening_reviews (clinic_id, id, screening_id, decision, reviewed_outcome, justification,
				    signed_by, signer_name, signed_at, meaning)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(clinicId, UUID.randomUUID(), screeningId, decision.name(), reviewedOutcome.name(), justification,
					signature.signerId(), signature.signerName(), Timestamps.of(signature.signedAt()),
					signature.meaning())
			.update();
	}

	/**
	 * Locks the screening against a concurrent review; empty when the clinic has none.
	 */
	boolean lock(UUID clinicId, UUID screeningId) {
		return this.jdbc.sql("SELECT 1 FROM screenings WHERE clinic_id = ? AND id = ? FOR UPDATE")
			.params(clinicId, screeningId)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	Optional<Screening> find(UUID clinicId, UUID screeningId) {
		return load(clinicId, "SELECT " + COLUMNS + FROM + " WHERE s.clinic_id = ? AND s.id = ?",
				List.of(clinicId, screeningId))
			.stream()
			.findFirst();
	}

	List<Screening> forPatient(UUID clinicId, UUID patientId) {
		return load(clinicId,
				"SELECT " + COLUMNS + FROM + " WHERE s.clinic_id = ? AND s.patient_id = ? ORDER BY s.screened_at DESC",
				List.of(clinicId, patientId));
	}

	Optional<Screening> latestForPatient(UUID clinicId, UUID patientId) {
		return load(clinicId,
				"SELECT " + COLUMNS + FROM
						+ " WHERE s.clinic_id = ? AND s.patient_id = ? ORDER BY s.screened_at DESC, s.id LIMIT 1",
				List.of(clinicId, patientId))
			.stream()
			.findFirst();
	}

	/** Current screenings without a review, oldest first: the physician's worklist. */
	List<Screening> awaitingReview(UUID clinicId, int limit) {
		return load(clinicId, "SELECT " + COLUMNS + FROM + """
				 WHERE s.clinic_id = ? AND r.id IS NULL
				   AND NOT EXISTS (SELECT 1 FROM screenings n WHERE n.clinic_id = s.clinic_id AND n.supersedes = s.id)
				 ORDER BY s.screened_at LIMIT ?
				""", List.of(clinicId, limit));
	}

	List<Screening> recentlyReviewed(UUID clinicId, int limit) {
		return load(clinicId, "SELECT " + COLUMNS + FROM + """
				 WHERE s.clinic_id = ? AND r.id IS NOT NULL ORDER BY r.signed_at DESC LIMIT ?
				""", List.of(clinicId, limit));
	}

	private List<Screening> load(UUID clinicId, String sql, List<?> params) {
		List<Screening> rows = this.jdbc.sql(sql).params(params).query(this::row).list();
		if (rows.isEmpty()) {
			return rows;
		}
		Map<UUID, List<Reason>> reasons = this.jdbc.sql("""
				SELECT screening_id, code, kind, message, evidence FROM screening_reasons
				 WHERE clinic_id = :clinic AND screening_id IN (:ids) ORDER BY screening_id, position
				""")
			.param("clinic", clinicId)
			.param("ids", rows.stream().map(Screening::id).toList())
			.query((rs, row) -> Map.entry(rs.getObject("screening_id", UUID.class),
					new Reason(rs.getString("code"), Reason.Kind.valueOf(rs.getString("kind")), rs.getString("message"),
							rs.getString("evidence"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return rows.stream()
			.map((screening) -> new Screening(screening.id(), screening.patientId(), screening.screenedAt(),
					screening.screenedByName(), screening.ageYears(), screening.facts(), screening.notes(),
					screening.outcome(), List.copyOf(reasons.getOrDefault(screening.id(), List.of())),
					screening.maudsley(), screening.ruleSetId(), screening.rulesVersion(), screening.ruleParameters(),
					screening.supersedes(), screening.supersededBy(), screening.review()))
			.toList();
	}

	private Screening row(ResultSet rs, int row) throws SQLException {
		String missing = rs.getString("maudsley_missing");
		Optional<Review> review = Optional.empty();
		if (rs.getObject("review_id") != null) {
			review = Optional
				.of(new Review(rs.getObject("review_id", UUID.class), ReviewDecision.valueOf(rs.getString("decision")),
						Outcome.valueOf(rs.getString("reviewed_outcome")), rs.getString("justification"),
						rs.getString("signer_name"), Timestamps.read(rs, "signed_at"), rs.getString("meaning")));
		}
		return new Screening(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
				Timestamps.read(rs, "screened_at"), rs.getString("screened_by_name"), rs.getInt("age_years"),
				this.json.readValue(rs.getString("answers"), ScreeningFacts.class), rs.getString("notes"),
				Outcome.valueOf(rs.getString("outcome")), List.of(),
				new MaudsleyScore(rs.getInt("maudsley_minimum"), rs.getInt("maudsley_maximum"),
						missing.isEmpty() ? List.of() : Arrays.asList(missing.split("\\|"))),
				rs.getString("rule_set_id"), rs.getInt("rules_version"), rs.getString("rule_parameters"),
				rs.getObject("supersedes", UUID.class), rs.getObject("superseded_by", UUID.class), review);
	}

}
