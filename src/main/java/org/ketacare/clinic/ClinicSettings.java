package org.ketacare.clinic;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every clinic's own values for the settings the modules declare. A clinic administrator
 * proposes a change; a non-clinical change is in force at once, a clinical one once a
 * physician signs it. The value in force at any past time can be read back, so a decision
 * can always be explained with the numbers of its day.
 */
@Service
public class ClinicSettings {

	static final String PHYSICIAN_SIGN_OFF = "Approved clinical setting change";

	static final String PHYSICIAN_REJECTION = "Rejected clinical setting change";

	private static final String CHANGE_COLUMNS = """
			clinic_id, id, setting_key, value, reason, proposed_by, proposed_by_name, proposed_at, status,
			decided_by_name, decided_at, decision_meaning, effective_from
			""";

	private final Map<String, SettingDefinition> definitions;

	private final JdbcClient jdbc;

	private final Signatures signatures;

	private final AuditLog audit;

	private final Clock clock;

	ClinicSettings(List<SettingCatalogue> catalogues, JdbcClient jdbc, Signatures signatures, AuditLog audit,
			Clock clock) {
		this.definitions = catalogues.stream()
			.flatMap((catalogue) -> catalogue.settings().stream())
			.sorted(Comparator.comparing(SettingDefinition::group).thenComparing(SettingDefinition::key))
			.collect(Collectors.toMap(SettingDefinition::key, Function.identity(), (a, b) -> {
				throw new IllegalStateException("setting " + a.key() + " is declared twice");
			}, LinkedHashMap::new));
		this.jdbc = jdbc;
		this.signatures = signatures;
		this.audit = audit;
		this.clock = clock;
	}

	public List<SettingDefinition> definitions() {
		return List.copyOf(this.definitions.values());
	}

	public SettingDefinition definition(String key) {
		SettingDefinition definition = this.definitions.get(key);
		if (definition == null) {
			throw new NotFoundException("Setting " + key);
		}
		return definition;
	}

	/** The value in force now, in its stored text form. */
	public String value(UUID clinicId, String key) {
		return valueAt(clinicId, key, this.clock.instant());
	}

	/**
	 * The value that was in force at {@code at}: the newest change in force by then, or
	 * the default.
	 */
	public String valueAt(UUID clinicId, String key, Instant at) {
		SettingDefinition definition = definition(key);
		return this.jdbc.sql("""
				SELECT value FROM clinic_setting_changes
				 WHERE clinic_id = ? AND setting_key = ? AND status = 'IN_FORCE' AND effective_from <= ?
				 ORDER BY effective_from DESC LIMIT 1
				""")
			.params(clinicId, key, Timestamps.of(at))
			.query(String.class)
			.optional()
			.orElse(definition.defaultValue());
	}

	public BigDecimal decimal(UUID clinicId, String key) {
		return new BigDecimal(value(clinicId, key));
	}

	public int integer(UUID clinicId, String key) {
		return Integer.parseInt(value(clinicId, key));
	}

	public boolean flag(UUID clinicId, String key) {
		return Boolean.parseBoolean(value(clinicId, key));
	}

	/**
	 * Every setting with the clinic's value in force now and any change awaiting
	 * sign-off.
	 */
	public List<SettingState> overview(UUID clinicId) {
		Map<String, SettingChange> current = this.jdbc.sql("SELECT DISTINCT ON (setting_key) " + CHANGE_COLUMNS + """
				 FROM clinic_setting_changes
				 WHERE clinic_id = ? AND status = 'IN_FORCE' AND effective_from <= ?
				 ORDER BY setting_key, effective_from DESC
				""")
			.params(clinicId, Timestamps.of(this.clock.instant()))
			.query(ClinicSettings::change)
			.list()
			.stream()
			.collect(Collectors.toMap(SettingChange::key, Function.identity()));
		Map<String, SettingChange> pending = pending(clinicId).stream()
			.collect(Collectors.toMap(SettingChange::key, Function.identity(), (a, b) -> a));
		return this.definitions.values()
			.stream()
			.map((definition) -> new SettingState(definition,
					Optional.ofNullable(current.get(definition.key()))
						.map(SettingChange::value)
						.orElse(definition.defaultValue()),
					Optional.ofNullable(current.get(definition.key())),
					Optional.ofNullable(pending.get(definition.key()))))
			.toList();
	}

	public List<SettingChange> history(UUID clinicId, String key) {
		definition(key);
		return this.jdbc.sql("SELECT " + CHANGE_COLUMNS + """
				 FROM clinic_setting_changes WHERE clinic_id = ? AND setting_key = ? ORDER BY proposed_at DESC
				""").params(clinicId, key).query(ClinicSettings::change).list();
	}

	public List<SettingChange> pending(UUID clinicId) {
		return this.jdbc.sql("SELECT " + CHANGE_COLUMNS + """
				 FROM clinic_setting_changes WHERE clinic_id = ? AND status = 'PENDING' ORDER BY proposed_at
				""").param(clinicId).query(ClinicSettings::change).list();
	}

	/**
	 * A clinic administrator's change. In force at once unless the setting is clinical;
	 * then it waits for a physician.
	 */
	@Transactional
	public SettingChange propose(StaffPrincipal by, String key, String value, String reason) {
		if (!by.hasRole(Role.CLINIC_ADMIN)) {
			throw new AccessDeniedException("Only a clinic administrator changes clinic settings");
		}
		SettingDefinition definition = definition(key);
		String parsed;
		try {
			parsed = definition.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("value", ex.getMessage());
		}
		String why = (reason != null) ? reason.strip() : "";
		if (why.isEmpty() || why.length() > 1000) {
			throw new InvalidInputException("reason", "say why, in at most 1000 characters");
		}
		// One change at a time, so that a physician signs exactly the value that will be
		// in force.
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(? || '/' || ?, 0))")
			.params(by.clinicId().toString(), key)
			.query((rs, row) -> 0)
			.list();
		boolean alreadyPending = this.jdbc
			.sql("""
					SELECT count(*) FROM clinic_setting_changes WHERE clinic_id = ? AND setting_key = ? AND status = 'PENDING'
					""")
			.params(by.clinicId(), key)
			.query(Integer.class)
			.single() > 0;
		if (alreadyPending) {
			throw new ConflictException("A change of '" + definition.label()
					+ "' is waiting for a physician's signature; it must be signed or rejected first");
		}
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		boolean immediate = !definition.clinical();
		this.jdbc.sql("""
				INSERT INTO clinic_setting_changes (clinic_id, id, setting_key, value, reason, proposed_by,
				    proposed_by_name, proposed_at, status, decided_by, decided_by_name, decided_at, decision_meaning,
				    effective_from)
				VALUES (:clinic, :id, :key, :value, :reason, :by, :byName, :now, :status, :decidedBy, :decidedByName,
				    :decidedAt, :meaning, :effective)
				""")
			.param("clinic", by.clinicId())
			.param("id", id)
			.param("key", key)
			.param("value", parsed)
			.param("reason", why)
			.param("by", by.staffId())
			.param("byName", by.displayName())
			.param("now", Timestamps.of(now))
			.param("status", immediate ? "IN_FORCE" : "PENDING")
			.param("decidedBy", immediate ? by.staffId() : null, java.sql.Types.OTHER)
			.param("decidedByName", immediate ? by.displayName() : null, java.sql.Types.VARCHAR)
			.param("decidedAt", immediate ? Timestamps.of(now) : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.param("meaning", immediate ? "Set by clinic administrator" : null, java.sql.Types.VARCHAR)
			.param("effective", immediate ? Timestamps.of(now) : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
		this.audit.record(by,
				AuditRecord.success(immediate ? "SETTING_CHANGED" : "SETTING_CHANGE_PROPOSED")
					.target("setting", key)
					.details(key + " = " + parsed + " " + definition.unit() + " (" + why + ")"));
		return change(by.clinicId(), id);
	}

	/** A physician's signed approval: the change is in force from now. */
	@Transactional
	public SettingChange approve(StaffPrincipal physician, UUID changeId, String password) {
		return decide(physician, changeId, password, true);
	}

	/** A physician's signed rejection: the change never comes into force. */
	@Transactional
	public SettingChange reject(StaffPrincipal physician, UUID changeId, String password) {
		return decide(physician, changeId, password, false);
	}

	private SettingChange decide(StaffPrincipal physician, UUID changeId, String password, boolean approve) {
		SettingChange change = change(physician.clinicId(), changeId);
		Signature signature = this.signatures.sign(physician, password,
				approve ? PHYSICIAN_SIGN_OFF : PHYSICIAN_REJECTION, Set.of(Role.PHYSICIAN));
		int updated = this.jdbc.sql("""
				UPDATE clinic_setting_changes
				   SET status = :status, decided_by = :by, decided_by_name = :byName, decided_at = :at,
				       decision_meaning = :meaning, effective_from = :effective
				 WHERE clinic_id = :clinic AND id = :id AND status = 'PENDING'
				""")
			.param("status", approve ? "IN_FORCE" : "REJECTED")
			.param("by", signature.signerId())
			.param("byName", signature.signerName())
			.param("at", Timestamps.of(signature.signedAt()))
			.param("meaning", signature.meaning())
			.param("effective", approve ? Timestamps.of(signature.signedAt()) : null,
					java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.param("clinic", physician.clinicId())
			.param("id", changeId)
			.update();
		if (updated != 1) {
			throw new ConflictException("This change was already "
					+ change.status().name().toLowerCase().replace('_', ' ') + "; reload to see who decided it");
		}
		this.audit.record(physician,
				AuditRecord.success(approve ? "SETTING_CHANGE_APPROVED" : "SETTING_CHANGE_REJECTED")
					.target("setting", change.key())
					.details(change.key() + " = " + change.value() + ", signed by " + signature.signerName() + ": "
							+ signature.meaning()));
		return change(physician.clinicId(), changeId);
	}

	public SettingChange change(UUID clinicId, UUID changeId) {
		return this.jdbc.sql("SELECT " + CHANGE_COLUMNS + " FROM clinic_setting_changes WHERE clinic_id = ? AND id = ?")
			.params(clinicId, changeId)
			.query(ClinicSettings::change)
			.optional()
			.orElseThrow(() -> new NotFoundException("Setting change " + changeId));
	}

	private static SettingChange change(ResultSet rs, int row) throws SQLException {
		return new SettingChange(rs.getObject("id", UUID.class), rs.getObject("clinic_id", UUID.class),
				rs.getString("setting_key"), rs.getString("value"), rs.getString("reason"),
				rs.getObject("proposed_by", UUID.class), rs.getString("proposed_by_name"),
				Timestamps.read(rs, "proposed_at"), SettingChange.Status.valueOf(rs.getString("status")),
				rs.getString("decided_by_name"), Timestamps.read(rs, "decided_at"), rs.getString("decision_meaning"),
				Timestamps.read(rs, "effective_from"));
	}

	/**
	 * A setting as a clinic has it now.
	 *
	 * @param value the value in force
	 * @param lastChange the change that set it, if the clinic changed the default
	 * @param pending a change awaiting a physician's signature, if any
	 */
	public record SettingState(SettingDefinition definition, String value, Optional<SettingChange> lastChange,
			Optional<SettingChange> pending) {

		public boolean isDefault() {
			return this.lastChange.isEmpty();
		}

	}

}
