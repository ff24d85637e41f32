package org.ketacare.clinic;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Second-factor rows: the encrypted TOTP secret, its last used time step, the recovery
 * code hashes, and whether the administrator requires two-step sign-in of a person.
 */
@Repository
class SecondFactorRepository {

	private final JdbcClient jdbc;

	SecondFactorRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StoredFactor> find(UUID clinicId, UUID staffId) {
		return this.jdbc.sql("""
				SELECT secret_encrypted, confirmed_at, last_used_step FROM staff_second_factors
				 WHERE clinic_id = ? AND staff_id = ?
				""")
			.params(clinicId, staffId)
			.query((rs, row) -> new StoredFactor(rs.getString("secret_encrypted"),
					Timestamps.read(rs, "confirmed_at") != null, rs.getObject("last_used_step", Long.class)))
			.optional();
	}

	/** Starts (or starts over) an enrolment; a confirmed factor is left alone. */
	void saveUnconfirmed(UUID clinicId, UUID staffId, String secretEncrypted, Instant now) {
		this.jdbc.sql("""
				INSERT INTO staff_second_factors (clinic_id, staff_id, secret_encrypted, created_at)
				VALUES (?, ?, ?, ?)
				ON CONFLICT (clinic_id, staff_id) DO UPDATE
				   SET secret_encrypted = EXCLUDED.secret_encrypted, created_at = EXCLUDED.created_at
				 WHERE staff_second_factors.confirmed_at IS NULL
				""").params(clinicId, staffId, secretEncrypted, Timestamps.of(now)).update();
	}

	boolean confirm(UUID clinicId, UUID staffId, long step, Instant now) {
		return this.jdbc.sql("""
				UPDATE staff_second_factors SET confirmed_at = ?, last_used_step = ?
				 WHERE clinic_id = ? AND staff_id = ? AND confirmed_at IS NULL
				""").params(Timestamps.of(now), step, clinicId, staffId).update() == 1;
	}

	/**
	 * Takes the time step of an accepted code; false if it, or a later one, was taken
	 * already (two requests racing with the same code).
	 */
	boolean useStep(UUID clinicId, UUID staffId, long step) {
		return this.jdbc.sql("""
				UPDATE staff_second_factors SET last_used_step = ?
				 WHERE clinic_id = ? AND staff_id = ? AND confirmed_at IS NOT NULL
				   AND (last_used_step IS NULL OR last_used_step < ?)
				""").params(step, clinicId, staffId, step).update() == 1;
	}

	void replaceRecoveryCodes(UUID clinicId, UUID staffId, List<String> hashes) {
		this.jdbc.sql("DELETE FROM staff_recovery_codes WHERE clinic_id = ? AND staff_id = ?")
			.params(clinicId, staffId)
			.update();
		for (String hash : hashes) {
			this.jdbc.sql("INSERT INTO staff_recovery_codes (clinic_id, staff_id, code_hash) VALUES (?, ?, ?)")
				.params(clinicId, staffId, hash)
				.update();
		}
	}

	/** Marks an unused recovery code used; false if there is no such unused code. */
	boolean useRecoveryCode(UUID clinicId, UUID staffId, String hash, Instant now) {
		return this.jdbc.sql("""
				UPDATE staff_recovery_codes SET used_at = ?
				 WHERE clinic_id = ? AND staff_id = ? AND code_hash = ? AND used_at IS NULL
				""").params(Timestamps.of(now), clinicId, staffId, hash).update() == 1;
	}

	int unusedRecoveryCodes(UUID clinicId, UUID staffId) {
		return this.jdbc
			.sql("SELECT count(*) FROM staff_recovery_codes WHERE clinic_id = ? AND staff_id = ? AND used_at IS NULL")
			.params(clinicId, staffId)
			.query(Integer.class)
			.single();
	}

	/** Removes the factor and its recovery codes; true if there was one. */
	boolean delete(UUID clinicId, UUID staffId) {
		return this.jdbc.sql("DELETE FROM staff_second_factors WHERE clinic_id = ? AND staff_id = ?")
			.params(clinicId, staffId)
			.update() == 1;
	}

	/** Who in the clinic has a confirmed second factor. */
	Set<UUID> confirmedIn(UUID clinicId) {
		return new HashSet<>(this.jdbc
			.sql("SELECT staff_id FROM staff_second_factors WHERE clinic_id = ? AND confirmed_at IS NOT NULL")
			.param(clinicId)
			.query(UUID.class)
			.list());
	}

	boolean requiredForPerson(UUID clinicId, UUID staffId) {
		return this.jdbc.sql("SELECT second_factor_required FROM staff_users WHERE clinic_id = ? AND id = ?")
			.params(clinicId, staffId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	void setRequiredForPerson(UUID clinicId, UUID staffId, boolean required) {
		this.jdbc.sql("UPDATE staff_users SET second_factor_required = ? WHERE clinic_id = ? AND id = ?")
			.params(required, clinicId, staffId)
			.update();
	}

	record StoredFactor(String secretEncrypted, boolean confirmed, Long lastUsedStep) {
	}

}
