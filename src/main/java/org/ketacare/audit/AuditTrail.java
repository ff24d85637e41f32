package org.ketacare.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.ketacare.platform.AccessWasDenied;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditOutcome;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.CurrentStaff;
import org.ketacare.platform.Timestamps;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes, reads and verifies the audit trail. Each clinic has its own chain: rows are
 * numbered without gaps and each carries the hash of the one before, so that any change,
 * removal or insertion is detected by {@link #verify}.
 */
@Service
public class AuditTrail implements AuditLog {

	/**
	 * Events that belong to no clinic, such as a sign-in attempt with an unknown name,
	 * form a chain of their own.
	 */
	public static final UUID NETWORK = new UUID(0, 0);

	/** Advisory lock class for "appending to a clinic's audit chain". */
	private static final int CHAIN_LOCK = 0x4155_4454;

	private static final int VERIFY_FETCH_SIZE = 1000;

	private final JdbcClient jdbc;

	private final JdbcClient streamingJdbc;

	private final Clock clock;

	AuditTrail(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock) {
		this.jdbc = jdbc;
		JdbcTemplate streaming = new JdbcTemplate(jdbcTemplate.getDataSource());
		streaming.setFetchSize(VERIFY_FETCH_SIZE);
		this.streamingJdbc = JdbcClient.create(streaming);
		this.clock = clock;
	}

	/** Appends a record in the caller's transaction, or in its own when there is none. */
	@Override
	@Transactional
	public void record(AuditRecord record) {
		AuditRecord.Actor actor = (record.actor() != null) ? record.actor()
				: CurrentStaff.find().map(AuditRecord.Actor::of).orElse(new AuditRecord.Actor(null, null, null, null));
		UUID clinicId = (actor.clinicId() != null) ? actor.clinicId() : NETWORK;
		// Appends to one clinic's chain take turns; the lock is released when the
		// caller's transaction ends.
		this.jdbc.sql("SELECT pg_advisory_xact_lock(?, hashtext(?))")
			.params(CHAIN_LOCK, clinicId.toString())
			.query((rs, row) -> 0)
			.list();
		Optional<Object[]> last = this.jdbc
			.sql("SELECT seq, hash FROM audit_events WHERE clinic_id = ? ORDER BY seq DESC LIMIT 1")
			.param(clinicId)
			.query((rs, row) -> new Object[] { rs.getLong("seq"), rs.getString("hash") })
			.optional();
		long seq = last.map((row) -> (long) row[0] + 1).orElse(1L);
		String prevHash = last.map((row) -> (String) row[1]).orElse(AuditChain.GENESIS);
		AuditEvent unhashed = new AuditEvent(clinicId, seq, this.clock.instant().truncatedTo(ChronoUnit.MICROS),
				actor.staffId(), actor.username(), actor.roles(), record.action(), record.targetType(),
				record.targetId(), record.patientId(), sourceAddress(), record.outcome(), record.details(), prevHash,
				null);
		AuditEvent event = withHash(unhashed, AuditChain.hash(unhashed));
		this.jdbc.sql("""
				INSERT INTO audit_events (clinic_id, seq, occurred_at, actor_id, actor_username, actor_roles, action,
				    target_type, target_id, patient_id, source_address, outcome, details, prev_hash, hash)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(event.clinicId(), event.seq(), Timestamps.of(event.occurredAt()), event.actorId(),
					event.actorUsername(), event.actorRoles(), event.action(), event.targetType(), event.targetId(),
					event.patientId(), event.sourceAddress(), event.outcome().name(), event.details(), event.prevHash(),
					event.hash())
			.update();
	}

	@EventListener
	@Transactional
	public void on(AccessWasDenied denied) {
		record(AuditRecord.of("ACCESS_DENIED", AuditOutcome.DENIED).details(denied.request()));
	}

	/**
	 * Recomputes the clinic's chain from its first row and names the first row that does
	 * not match.
	 */
	@Transactional(readOnly = true)
	public ChainVerification verify(UUID clinicId) {
		long[] checked = { 0 };
		String[] expectedPrev = { AuditChain.GENESIS };
		ChainVerification[] broken = { null };
		this.streamingJdbc.sql("SELECT * FROM audit_events WHERE clinic_id = ? ORDER BY seq")
			.param(clinicId)
			.query((ResultSet rs) -> {
				if (broken[0] != null) {
					return;
				}
				AuditEvent event = map(rs, 0);
				checked[0]++;
				if (event.seq() != checked[0]) {
					broken[0] = ChainVerification.broken(checked[0], event.seq(),
							"row " + checked[0] + " is missing: the sequence jumps to " + event.seq());
				}
				else if (!event.prevHash().equals(expectedPrev[0])) {
					broken[0] = ChainVerification.broken(checked[0], event.seq(),
							"does not follow the row before it (its previous-hash differs)");
				}
				else if (!AuditChain.hash(event).equals(event.hash())) {
					broken[0] = ChainVerification.broken(checked[0], event.seq(),
							"its content was changed after it was written (hash mismatch)");
				}
				expectedPrev[0] = event.hash();
			});
		return (broken[0] != null) ? broken[0] : ChainVerification.ok(checked[0]);
	}

	/** The clinic's audit events matching the query, newest first. */
	@Transactional(readOnly = true)
	public AuditPage search(UUID clinicId, AuditQuery query) {
		StringBuilder sql = new StringBuilder("SELECT * FROM audit_events WHERE clinic_id = :clinic");
		List<String> conditions = new ArrayList<>();
		if (query.username() != null) {
			conditions.add("actor_username = :username");
		}
		if (query.patientId() != null) {
			conditions.add("patient_id = :patient");
		}
		if (query.action() != null) {
			conditions.add("action = :action");
		}
		if (query.from() != null) {
			conditions.add("occurred_at >= :from");
		}
		if (query.to() != null) {
			conditions.add("occurred_at < :to");
		}
		conditions.forEach((condition) -> sql.append(" AND ").append(condition));
		sql.append(" ORDER BY occurred_at DESC, seq DESC LIMIT :limit OFFSET :offset");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString())
			.param("clinic", clinicId)
			.param("limit", query.pageSize() + 1)
			.param("offset", (long) query.page() * query.pageSize());
		if (query.username() != null) {
			statement = statement.param("username", query.username());
		}
		if (query.patientId() != null) {
			statement = statement.param("patient", query.patientId());
		}
		if (query.action() != null) {
			statement = statement.param("action", query.action());
		}
		if (query.from() != null) {
			statement = statement.param("from", Timestamps.of(query.from()));
		}
		if (query.to() != null) {
			statement = statement.param("to", Timestamps.of(query.to()));
		}
		List<AuditEvent> events = statement.query(AuditTrail::map).list();
		boolean hasNext = events.size() > query.pageSize();
		return new AuditPage(hasNext ? events.subList(0, query.pageSize()) : events, query.page(), query.pageSize(),
				hasNext);
	}

	/** The actions recorded in this clinic, for the filter list. */
	public List<String> actions(UUID clinicId) {
		return this.jdbc.sql("SELECT DISTINCT action FROM audit_events WHERE clinic_id = ? ORDER BY action")
			.param(clinicId)
			.query(String.class)
			.list();
	}

	private static String sourceAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

	private static AuditEvent withHash(AuditEvent e, String hash) {
		return new AuditEvent(e.clinicId(), e.seq(), e.occurredAt(), e.actorId(), e.actorUsername(), e.actorRoles(),
				e.action(), e.targetType(), e.targetId(), e.patientId(), e.sourceAddress(), e.outcome(), e.details(),
				e.prevHash(), hash);
	}

	private static AuditEvent map(ResultSet rs, int row) throws SQLException {
		return new AuditEvent(rs.getObject("clinic_id", UUID.class), rs.getLong("seq"),
				Timestamps.read(rs, "occurred_at"), rs.getObject("actor_id", UUID.class),
				rs.getString("actor_username"), rs.getString("actor_roles"), rs.getString("action"),
				rs.getString("target_type"), rs.getString("target_id"), rs.getObject("patient_id", UUID.class),
				rs.getString("source_address"), AuditOutcome.valueOf(rs.getString("outcome")), rs.getString("details"),
				rs.getString("prev_hash"), rs.getString("hash"));
	}

}
