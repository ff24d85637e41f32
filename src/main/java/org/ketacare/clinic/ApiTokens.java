package org.ketacare.clinic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bearer tokens for scripts and other systems. The token is random and shown once; only
 * its SHA-256 is stored, so a copy of the database does not hold usable tokens.
 */
@Service
class ApiTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final StaffRepository staff;

	private final StaffSecurityProperties properties;

	private final AuditLog audit;

	private final Clock clock;

	ApiTokens(JdbcClient jdbc, StaffRepository staff, StaffSecurityProperties properties, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.staff = staff;
		this.properties = properties;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	IssuedToken issue(StaffPrincipal principal) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.properties.tokenLifetime());
		this.jdbc.sql("DELETE FROM api_tokens WHERE expires_at < ?").param(Timestamps.of(now)).update();
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO api_tokens (clinic_id, id, staff_id, token_hash, issued_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?)
				""")
			.params(principal.clinicId(), id, principal.staffId(), hash(token), Timestamps.of(now),
					Timestamps.of(expiresAt))
			.update();
		this.audit.record(principal, AuditRecord.success("API_TOKEN_ISSUED").target("api_token", id));
		return new IssuedToken(token, this.properties.tokenLifetime().toSeconds());
	}

	/**
	 * The active staff member the token was issued to, if the token is known and not
	 * expired.
	 */
	Optional<StaffPrincipal> authenticate(String token) {
		return this.jdbc.sql("SELECT clinic_id, staff_id FROM api_tokens WHERE token_hash = ? AND expires_at > ?")
			.params(hash(token), Timestamps.of(this.clock.instant()))
			.query((rs,
					row) -> new UUID[] { rs.getObject("clinic_id", UUID.class), rs.getObject("staff_id", UUID.class) })
			.optional()
			.flatMap((ids) -> this.staff.findActivePrincipal(ids[0], ids[1]));
	}

	void revokeAll(UUID clinicId, UUID staffId) {
		this.jdbc.sql("DELETE FROM api_tokens WHERE clinic_id = ? AND staff_id = ?").params(clinicId, staffId).update();
	}

	private static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	record IssuedToken(String accessToken, long expiresInSeconds) {
	}

}
