package org.ketacare.patient;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The registry's SQL. Every statement names the clinic.
 */
@Repository
class PatientRepository {

	private static final String COLUMNS = """
			p.clinic_id, p.id, p.mrn, p.given_name, p.family_name, p.birth_date, p.sex_at_birth, p.pregnancy_possible,
			p.phone, p.email, p.address, p.emergency_contact_name, p.emergency_contact_phone,
			p.emergency_contact_relationship, p.escort_name, p.escort_phone, p.escort_relationship,
			p.referring_clinician, p.medications_text, p.allergies, p.notes, p.status, p.possible_duplicate_of,
			p.created_at, p.version
			""";

	private final JdbcClient jdbc;

	PatientRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	String nextMrn(UUID clinicId) {
		long number = this.jdbc.sql("""
				INSERT INTO patient_mrn_counters (clinic_id, last_number) VALUES (?, 1)
				ON CONFLICT (clinic_id) DO UPDATE SET last_number = patient_mrn_counters.last_number + 1
				RETURNING last_number
				""").param(clinicId).query(Long.class).single();
		return String.format("K%06d", number);
	}

	void insert(UUID clinicId, UUID id, String mrn, ValidDetails details, PatientStatus status,
			UUID possibleDuplicateOf, UUID createdBy, Instant now) {
		this.jdbc
			.sql("""
					INSERT INTO patients (clinic_id, id, mrn, given_name, family_name, birth_date, sex_at_birth,
					    pregnancy_possible, phone, email, address, emergency_contact_name, emergency_contact_phone,
					    emergency_contact_relationship, escort_name, escort_phone, escort_relationship, referring_clinician,
					    medications_text, allergies, notes, status, possible_duplicate_of, created_by, created_at, updated_at)
					VALUES (:clinic, :id, :mrn, :given, :family, :birth, :sex, :pregnancy, :phone, :email, :address,
					    :ecName, :ecPhone, :ecRelation, :escortName, :escortPhone, :escortRelation, :referrer,
					    :medications, :allergies, :notes, :status, :duplicate, :by, :now, :now)
					""")
			.params(detailParams(details))
			.param("clinic", clinicId)
			.param("id", id)
			.param("mrn", mrn)
			.param("status", status.name())
			.param("duplicate", possibleDuplicateOf, Types.OTHER)
			.param("by", createdBy)
			.param("now", Timestamps.of(now))
			.update();
		replaceMedications(clinicId, id, details.medications());
	}

	boolean update(UUID clinicId, UUID id, ValidDetails details, int expectedVersion, Instant now) {
		int updated = this.jdbc.sql("""
				UPDATE patients SET given_name = :given, family_name = :family, birth_date = :birth,
				    sex_at_birth = :sex, pregnancy_possible = :pregnancy, phone = :phone, email = :email,
				    address = :address, emergency_contact_name = :ecName, emergency_contact_phone = :ecPhone,
				    emergency_contact_relationship = :ecRelation, escort_name = :escortName,
				    escort_phone = :escortPhone, escort_relationship = :escortRelation,
				    referring_clinician = :referrer, medications_text = :medications, allergies = :allergies,
				    notes = :notes, updated_at = :now, version = version + 1
				 WHERE clinic_id = :clinic AND id = :id AND version = :version
				""")
			.params(detailParams(details))
			.param("clinic", clinicId)
			.param("id", id)
			.param("version", expectedVersion)
			.param("now", Timestamps.of(now))
			.update();
		if (updated == 1) {
			replaceMedications(clinicId, id, details.medications());
		}
		return updated == 1;
	}

	private static Map<String, Object> detailParams(ValidDetails details) {
		Map<String, Object> params = new HashMap<>();
		params.put("given", text(details.givenName()));
		params.put("family", text(details.familyName()));
		params.put("birth", new SqlParameterValue(Types.DATE, details.birthDate()));
		params.put("sex", text(details.sexAtBirth().name()));
		params.put("pregnancy", new SqlParameterValue(Types.BOOLEAN, details.pregnancyPossible()));
		params.put("phone", text(details.phone()));
		params.put("email", text(details.email()));
		params.put("address", text(details.address()));
		params.put("ecName", text(details.emergencyContact().name()));
		params.put("ecPhone", text(details.emergencyContact().phone()));
		params.put("ecRelation", text(details.emergencyContact().relationship()));
		params.put("escortName", text(details.escort().name()));
		params.put("escortPhone", text(details.escort().phone()));
		params.put("escortRelation", text(details.escort().relationship()));
		params.put("referrer", text(details.referringClinician()));
		params.put("medications", text(details.currentMedications()));
		params.put("allergies", text(details.allergies()));
		params.put("notes", text(details.notes()));
		return params;
	}

	private static SqlParameterValue text(String value) {
		return new SqlParameterValue(Types.VARCHAR, value);
	}

	private void replaceMedications(UUID clinicId, UUID patientId, List<Medication> medications) {
		this.jdbc.sql("DELETE FROM patient_medications WHERE clinic_id = ? AND patient_id = ?")
			.params(clinicId, patientId)
			.update();
		for (int position = 0; position < medications.size(); position++) {
			Medication medication = medications.get(position);
			this.jdbc.sql(
					"INSERT INTO patient_medications (clinic_id, patient_id, position, name, dose) VALUES (?, ?, ?, ?, ?)")
				.params(clinicId, patientId, position, medication.name(), medication.dose())
				.update();
		}
	}

	boolean lockForStatusChange(UUID clinicId, UUID id) {
		return this.jdbc.sql("SELECT 1 FROM patients WHERE clinic_id = ? AND id = ? FOR UPDATE")
			.params(clinicId, id)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	void setStatus(UUID clinicId, UUID id, PatientStatus from, PatientStatus to, String reason, UUID by, Instant now) {
		this.jdbc.sql("""
				UPDATE patients SET status = ?, updated_at = ?, version = version + 1 WHERE clinic_id = ? AND id = ?
				""").params(to.name(), Timestamps.of(now), clinicId, id).update();
		this.jdbc.sql("""
				INSERT INTO patient_status_changes (clinic_id, id, patient_id, from_status, to_status, reason,
				    changed_by, changed_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(clinicId, UUID.randomUUID(), id, (from != null) ? from.name() : null, to.name(), reason, by,
					Timestamps.of(now))
			.update();
	}

	void insertMeasurement(UUID clinicId, UUID patientId, LocalDate measuredOn, BigDecimal weightKg,
			BigDecimal heightCm, UUID by, Instant now) {
		this.jdbc.sql("""
				INSERT INTO patient_measurements (clinic_id, id, patient_id, measured_on, weight_kg, height_cm,
				    recorded_by, recorded_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(clinicId, UUID.randomUUID(), patientId, measuredOn, weightKg, heightCm, by, Timestamps.of(now))
			.update();
	}

	List<Measurement> measurements(UUID clinicId, UUID patientId) {
		return this.jdbc.sql("""
				SELECT m.id, m.measured_on, m.weight_kg, m.height_cm, m.recorded_at, s.display_name
				  FROM patient_measurements m
				  JOIN staff_names s ON s.clinic_id = m.clinic_id AND s.id = m.recorded_by
				 WHERE m.clinic_id = ? AND m.patient_id = ?
				 ORDER BY m.measured_on DESC, m.recorded_at DESC
				""")
			.params(clinicId, patientId)
			.query((rs, row) -> new Measurement(rs.getObject("id", UUID.class),
					rs.getObject("measured_on", LocalDate.class), rs.getBigDecimal("weight_kg"),
					rs.getBigDecimal("height_cm"), rs.getString("display_name"), Timestamps.read(rs, "recorded_at")))
			.list();
	}

	List<StatusChange> statusHistory(UUID clinicId, UUID patientId) {
		return this.jdbc.sql("""
				SELECT c.from_status, c.to_status, c.reason, c.changed_at,
				       coalesce(s.display_name, 'KetaCare (automatic)') AS display_name
				  FROM patient_status_changes c
				  LEFT JOIN staff_names s ON s.clinic_id = c.clinic_id AND s.id = c.changed_by
				 WHERE c.clinic_id = ? AND c.patient_id = ?
				 ORDER BY c.changed_at DESC
				""")
			.params(clinicId, patientId)
			.query((rs, row) -> new StatusChange(
					(rs.getString("from_status") != null) ? PatientStatus.valueOf(rs.getString("from_status")) : null,
					PatientStatus.valueOf(rs.getString("to_status")), rs.getString("reason"),
					rs.getString("display_name"), Timestamps.read(rs, "changed_at")))
			.list();
	}

	void insertFlag(UUID clinicId, UUID patientId, String kind, String text, UUID by, Instant now) {
		this.jdbc.sql("""
				INSERT INTO patient_flags (clinic_id, id, patient_id, kind, text, raised_by, raised_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				""").params(clinicId, UUID.randomUUID(), patientId, kind, text, by, Timestamps.of(now)).update();
	}

	/** The clinic's patients with an active flag of the kind, oldest flag first. */
	List<UUID> flagged(UUID clinicId, String kind) {
		return this.jdbc.sql("""
				SELECT patient_id FROM patient_flags
				 WHERE clinic_id = ? AND kind = ? AND cleared_at IS NULL
				 GROUP BY patient_id ORDER BY min(raised_at), patient_id
				""").params(clinicId, kind).query(UUID.class).list();
	}

	int clearFlags(UUID clinicId, UUID patientId, String kind, Instant now, UUID clearedBy, String reason) {
		return this.jdbc.sql("""
				UPDATE patient_flags SET cleared_at = ?, cleared_by = ?, clear_reason = ?
				 WHERE clinic_id = ? AND patient_id = ? AND kind = ? AND cleared_at IS NULL
				""").params(Timestamps.of(now), clearedBy, reason, clinicId, patientId, kind).update();
	}

	/** A page of ids in the primary key's order, so that each page is one index range. */
	List<UUID> idsAfter(UUID clinicId, UUID after, int limit) {
		if (after == null) {
			return this.jdbc.sql("SELECT id FROM patients WHERE clinic_id = ? ORDER BY id LIMIT ?")
				.params(clinicId, limit)
				.query(UUID.class)
				.list();
		}
		return this.jdbc.sql("SELECT id FROM patients WHERE clinic_id = ? AND id > ? ORDER BY id LIMIT ?")
			.params(clinicId, after, limit)
			.query(UUID.class)
			.list();
	}

	Optional<Patient> find(UUID clinicId, UUID id) {
		List<Patient> found = load(clinicId,
				"SELECT " + COLUMNS + " FROM patients p WHERE p.clinic_id = ? AND p.id = ?", List.of(clinicId, id));
		return found.stream().findFirst();
	}

	List<Patient> sameNameAndBirthDate(UUID clinicId, String givenName, String familyName, LocalDate birthDate) {
		return load(clinicId, "SELECT " + COLUMNS + """
				 FROM patients p
				 WHERE p.clinic_id = ? AND p.birth_date = ?
				   AND patient_search_fold(p.given_name) = patient_search_fold(?)
				   AND patient_search_fold(p.family_name) = patient_search_fold(?)
				 ORDER BY p.created_at
				""", List.of(clinicId, birthDate, givenName, familyName));
	}

	/**
	 * One page of the clinic's patients whose words start with every text term, born in
	 * every date term's range, in the given status.
	 */
	List<Patient> search(UUID clinicId, PatientQuery query, int offset, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM patients p WHERE ");
		List<Object> params = new ArrayList<>();
		where(clinicId, query, sql, params);
		sql.append(" ORDER BY p.family_name, p.given_name, p.birth_date, p.id LIMIT ? OFFSET ?");
		params.add(limit);
		params.add(offset);
		return load(clinicId, sql.toString(), params);
	}

	int count(UUID clinicId, PatientQuery query) {
		StringBuilder sql = new StringBuilder("SELECT count(*) FROM patients p WHERE ");
		List<Object> params = new ArrayList<>();
		where(clinicId, query, sql, params);
		return this.jdbc.sql(sql.toString()).params(params).query(Integer.class).single();
	}

	private static void where(UUID clinicId, PatientQuery query, StringBuilder sql, List<Object> params) {
		sql.append("p.clinic_id = ?");
		params.add(clinicId);
		for (PatientQuery.Term term : query.terms()) {
			// The stored text starts with a space, so "% term" matches the start of any
			// word.
			sql.append(" AND (p.search_text LIKE '% ' || patient_search_fold(?) || '%'");
			params.add(escapeLike(term.text()));
			if (term.bornFrom() != null) {
				sql.append(" OR p.birth_date BETWEEN ? AND ?");
				params.add(term.bornFrom());
				params.add(term.bornTo());
			}
			sql.append(")");
		}
		if (query.status() != null) {
			sql.append(" AND p.status = ?");
			params.add(query.status().name());
		}
		if (query.mrn() != null) {
			sql.append(" AND p.mrn = upper(?)");
			params.add(query.mrn());
		}
		if (query.bornFrom() != null) {
			sql.append(" AND p.birth_date >= ?");
			params.add(query.bornFrom());
		}
		if (query.bornTo() != null) {
			sql.append(" AND p.birth_date <= ?");
			params.add(query.bornTo());
		}
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private List<Patient> load(UUID clinicId, String sql, List<?> params) {
		List<PatientRow> rows = this.jdbc.sql(sql).params(params).query(PatientRepository::row).list();
		if (rows.isEmpty()) {
			return List.of();
		}
		List<UUID> ids = rows.stream().map(PatientRow::id).toList();
		Map<UUID, List<Medication>> medications = this.jdbc.sql("""
				SELECT patient_id, name, dose FROM patient_medications
				 WHERE clinic_id = :clinic AND patient_id IN (:ids) ORDER BY patient_id, position
				""")
			.param("clinic", clinicId)
			.param("ids", ids)
			.query((rs, row) -> Map.entry(rs.getObject("patient_id", UUID.class),
					new Medication(rs.getString("name"), rs.getString("dose"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		Map<UUID, Measurement> latest = this.jdbc.sql("""
				SELECT DISTINCT ON (m.patient_id) m.patient_id, m.id, m.measured_on, m.weight_kg, m.height_cm,
				       m.recorded_at, s.display_name
				  FROM patient_measurements m
				  JOIN staff_names s ON s.clinic_id = m.clinic_id AND s.id = m.recorded_by
				 WHERE m.clinic_id = :clinic AND m.patient_id IN (:ids)
				 ORDER BY m.patient_id, m.measured_on DESC, m.recorded_at DESC
				""")
			.param("clinic", clinicId)
			.param("ids", ids)
			.query((rs, row) -> Map.entry(rs.getObject("patient_id", UUID.class),
					new Measurement(rs.getObject("id", UUID.class), rs.getObject("measured_on", LocalDate.class),
							rs.getBigDecimal("weight_kg"), rs.getBigDecimal("height_cm"), rs.getString("display_name"),
							Timestamps.read(rs, "recorded_at"))))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		Map<UUID, List<PatientFlag>> flags = this.jdbc.sql("""
				SELECT patient_id, id, kind, text, raised_at FROM patient_flags
				 WHERE clinic_id = :clinic AND patient_id IN (:ids) AND cleared_at IS NULL
				 ORDER BY raised_at
				""")
			.param("clinic", clinicId)
			.param("ids", ids)
			.query((rs, row) -> Map.entry(rs.getObject("patient_id", UUID.class),
					new PatientFlag(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("text"),
							Timestamps.read(rs, "raised_at"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return rows.stream()
			.map((row) -> row.toPatient(medications.getOrDefault(row.id(), List.of()),
					Optional.ofNullable(latest.get(row.id())), flags.getOrDefault(row.id(), List.of())))
			.toList();
	}

	private static PatientRow row(ResultSet rs, int row) throws SQLException {
		return new PatientRow(rs.getObject("id", UUID.class), rs.getObject("clinic_id", UUID.class),
				rs.getString("mrn"), rs.getString("given_name"), rs.getString("family_name"),
				rs.getObject("birth_date", LocalDate.class), SexAtBirth.valueOf(rs.getString("sex_at_birth")),
				rs.getObject("pregnancy_possible", Boolean.class), rs.getString("phone"), rs.getString("email"),
				rs.getString("address"),
				new ContactPerson(rs.getString("emergency_contact_name"), rs.getString("emergency_contact_phone"),
						rs.getString("emergency_contact_relationship")),
				new ContactPerson(rs.getString("escort_name"), rs.getString("escort_phone"),
						rs.getString("escort_relationship")),
				rs.getString("referring_clinician"), rs.getString("medications_text"), rs.getString("allergies"),
				rs.getString("notes"), PatientStatus.valueOf(rs.getString("status")),
				rs.getObject("possible_duplicate_of", UUID.class), Timestamps.read(rs, "created_at"),
				rs.getInt("version"));
	}

	private record PatientRow(UUID id, UUID clinicId, String mrn, String givenName, String familyName,
			LocalDate birthDate, SexAtBirth sexAtBirth, Boolean pregnancyPossible, String phone, String email,
			String address, ContactPerson emergencyContact, ContactPerson escort, String referringClinician,
			String currentMedications, String allergies, String notes, PatientStatus status, UUID possibleDuplicateOf,
			Instant createdAt, int version) {

		Patient toPatient(List<Medication> medications, Optional<Measurement> latest, List<PatientFlag> flags) {
			return new Patient(this.id, this.clinicId, this.mrn, this.givenName, this.familyName, this.birthDate,
					this.sexAtBirth, this.pregnancyPossible, this.phone, this.email, this.address,
					this.emergencyContact, this.escort, this.referringClinician, this.currentMedications,
					List.copyOf(medications), this.allergies, this.notes, this.status, latest, List.copyOf(flags),
					this.possibleDuplicateOf, this.createdAt, this.version);
		}

	}

}
