package org.ketacare.clinic;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Staff rows. Every query but the sign-in look-up names the clinic.
 */
@Repository
class StaffRepository {

	private static final String MEMBER_COLUMNS = """
			s.clinic_id, s.id, s.username, s.display_name, s.active, s.locked_until, s.created_at, s.version,
			(SELECT string_agg(r.role, ',' ORDER BY r.role) FROM staff_roles r
			  WHERE r.clinic_id = s.clinic_id AND r.staff_id = s.id) AS roles
			""";

	private final JdbcClient jdbc;

	StaffRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The one look-up that crosses clinics: a person signs in with their name alone. */
	Optional<SignInRecord> findForSignIn(String username) {
		return this.jdbc.sql("""
				SELECT s.clinic_id, s.id, s.username, s.display_name, s.password_hash, s.active, s.locked_until,
				       c.slug, c.name, c.time_zone,
				       (SELECT string_agg(r.role, ',' ORDER BY r.role) FROM staff_roles r
				         WHERE r.clinic_id = s.clinic_id AND r.staff_id = s.id) AS roles
				  FROM staff_users s JOIN clinics c ON c.id = s.clinic_id
				 WHERE s.username = ?
				""")
			.param(username)
			.query((rs, row) -> new SignInRecord(principal(rs), rs.getString("password_hash"), rs.getBoolean("active"),
					Timestamps.read(rs, "locked_until")))
			.optional();
	}

	Optional<StaffPrincipal> findActivePrincipal(UUID clinicId, UUID staffId) {
		return this.jdbc.sql("""
				SELECT s.clinic_id, s.id, s.username, s.display_name, c.slug, c.name, c.time_zone,
				       (SELECT string_agg(r.role, ',' ORDER BY r.role) FROM staff_roles r
				         WHERE r.clinic_id = s.clinic_id AND r.staff_id = s.id) AS roles
				  FROM staff_users s JOIN clinics c ON c.id = s.clinic_id
				 WHERE s.clinic_id = ? AND s.id = ? AND s.active
				""").params(clinicId, staffId).query((rs, row) -> principal(rs)).optional();
	}

	/**
	 * Counts a failed attempt and locks the account when it reaches the limit; returns
	 * the lock end, if locked.
	 */
	Optional<Instant> recordFailure(UUID clinicId, UUID staffId, int maxAttempts, Instant lockedUntilIfLimitReached) {
		return this.jdbc.sql("""
				UPDATE staff_users
				   SET failed_attempts = CASE WHEN failed_attempts + 1 >= :max THEN 0 ELSE failed_attempts + 1 END,
				       locked_until = CASE WHEN failed_attempts + 1 >= :max THEN :until ELSE locked_until END
				 WHERE clinic_id = :clinic AND id = :id
				RETURNING CASE WHEN locked_until = :until THEN locked_until END AS newly_locked
				""")
			.param("max", maxAttempts)
			.param("until", Timestamps.of(lockedUntilIfLimitReached))
			.param("clinic", clinicId)
			.param("id", staffId)
			.query((rs, row) -> Optional.ofNullable(Timestamps.read(rs, "newly_locked")))
			.single();
	}

	void recordSuccess(UUID clinicId, UUID staffId) {
		this.jdbc.sql("""
				UPDATE staff_users SET failed_attempts = 0, locked_until = NULL
				 WHERE clinic_id = ? AND id = ? AND (failed_attempts <> 0 OR locked_until IS NOT NULL)
				""").params(clinicId, staffId).update();
	}

	List<StaffMember> list(UUID clinicId) {
		return this.jdbc
			.sql("SELECT " + MEMBER_COLUMNS
					+ " FROM staff_users s WHERE s.clinic_id = ? ORDER BY s.active DESC, s.display_name")
			.param(clinicId)
			.query(StaffRepository::member)
			.list();
	}

	Optional<StaffMember> find(UUID clinicId, UUID staffId) {
		return this.jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM staff_users s WHERE s.clinic_id = ? AND s.id = ?")
			.params(clinicId, staffId)
			.query(StaffRepository::member)
			.optional();
	}

	boolean usernameTaken(String username) {
		return this.jdbc.sql("SELECT count(*) FROM staff_users WHERE username = ?")
			.param(username)
			.query(Integer.class)
			.single() > 0;
	}

	void insert(UUID clinicId, UUID staffId, String username, String displayName, String passwordHash, Instant now) {
		this.jdbc.sql("""
				INSERT INTO staff_users (clinic_id, id, username, display_name, password_hash, active,
				                         password_changed_at, created_at)
				VALUES (?, ?, ?, ?, ?, TRUE, ?, ?)
				""")
			.params(clinicId, staffId, username, displayName, passwordHash, Timestamps.of(now), Timestamps.of(now))
			.update();
	}

	void replaceRoles(UUID clinicId, UUID staffId, Set<Role> roles) {
		this.jdbc.sql("DELETE FROM staff_roles WHERE clinic_id = ? AND staff_id = ?")
			.params(clinicId, staffId)
			.update();
		for (Role role : roles) {
			this.jdbc.sql("INSERT INTO staff_roles (clinic_id, staff_id, role) VALUES (?, ?, ?)")
				.params(clinicId, staffId, role.name())
				.update();
		}
	}

	/**
	 * Applies a change only if nobody changed the row since {@code expectedVersion};
	 * false if someone did.
	 */
	boolean bumpVersion(UUID clinicId, UUID staffId, int expectedVersion) {
		return this.jdbc
			.sql("UPDATE staff_users SET version = version + 1 WHERE clinic_id = ? AND id = ? AND version = ?")
			.params(clinicId, staffId, expectedVersion)
			.update() == 1;
	}

	void setActive(UUID clinicId, UUID staffId, boolean active) {
		this.jdbc.sql("UPDATE staff_users SET active = ? WHERE clinic_id = ? AND id = ?")
			.params(active, clinicId, staffId)
			.update();
	}

	void setPassword(UUID clinicId, UUID staffId, String passwordHash, Instant now) {
		this.jdbc
			.sql("""
					UPDATE staff_users SET password_hash = ?, password_changed_at = ?, failed_attempts = 0, locked_until = NULL
					 WHERE clinic_id = ? AND id = ?
					""")
			.params(passwordHash, Timestamps.of(now), clinicId, staffId)
			.update();
	}

	String passwordHash(UUID clinicId, UUID staffId) {
		return this.jdbc.sql("SELECT password_hash FROM staff_users WHERE clinic_id = ? AND id = ? AND active")
			.params(clinicId, staffId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	int countActiveWithRole(UUID clinicId, Role role) {
		return this.jdbc.sql("""
				SELECT count(*) FROM staff_users s JOIN staff_roles r ON r.clinic_id = s.clinic_id AND r.staff_id = s.id
				 WHERE s.clinic_id = ? AND s.active AND r.role = ?
				""").params(clinicId, role.name()).query(Integer.class).single();
	}

	int countAll() {
		return this.jdbc.sql("SELECT count(*) FROM staff_users").query(Integer.class).single();
	}

	private static StaffPrincipal principal(ResultSet rs) throws SQLException {
		return new StaffPrincipal(rs.getObject("id", UUID.class), rs.getObject("clinic_id", UUID.class),
				rs.getString("slug"), rs.getString("name"), ZoneId.of(rs.getString("time_zone")),
				rs.getString("username"), rs.getString("display_name"), roles(rs.getString("roles")));
	}

	private static StaffMember member(ResultSet rs, int row) throws SQLException {
		return new StaffMember(rs.getObject("id", UUID.class), rs.getObject("clinic_id", UUID.class),
				rs.getString("username"), rs.getString("display_name"), roles(rs.getString("roles")),
				rs.getBoolean("active"), Timestamps.read(rs, "locked_until"), Timestamps.read(rs, "created_at"),
				rs.getInt("version"));
	}

	private static Set<Role> roles(String text) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		if (text != null) {
			Arrays.stream(text.split(",")).map(Role::valueOf).forEach(roles::add);
		}
		return roles;
	}

	record SignInRecord(StaffPrincipal principal, String passwordHash, boolean active, Instant lockedUntil) {
	}

}
