package org.ketacare.course;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.ketacare.clinic.ClinicSettings;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The protocols a clinic plans courses by: the standard IV ketamine protocol, built from
 * the clinic's settings, and the clinic's own protocols, added by an administrator
 * without code. A protocol is never changed once added; a new version gets a new code.
 */
@Service
public class Protocols {

	private final JdbcClient jdbc;

	private final ClinicSettings settings;

	private final AuditLog audit;

	private final Clock clock;

	Protocols(JdbcClient jdbc, ClinicSettings settings, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	/** The standard protocol with the clinic's numbers in force now. */
	public Protocol standard(UUID clinicId) {
		return new Protocol(Protocol.STANDARD, "IV ketamine, standard",
				List.of(new Protocol.Phase("induction", number(clinicId, CourseSettings.INDUCTION_INFUSIONS),
						number(clinicId, CourseSettings.INDUCTION_WINDOW_DAYS),
						number(clinicId, CourseSettings.MINIMUM_INTERVAL_HOURS),
						number(clinicId, CourseSettings.PREFERRED_PER_WEEK))),
				Protocol.Maintenance.asNeeded(), number(clinicId, CourseSettings.INFUSION_MINUTES),
				number(clinicId, CourseSettings.OBSERVATION_MINUTES), number(clinicId, CourseSettings.FOLLOW_UP_DAYS));
	}

	/** The standard protocol first, then the clinic's own by name. */
	public List<Protocol> all(UUID clinicId) {
		List<Protocol> protocols = new ArrayList<>();
		protocols.add(standard(clinicId));
		Map<String, List<Protocol.Phase>> phases = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT protocol_code, name, sessions, window_days, minimum_interval_hours, preferred_per_week
				  FROM course_protocol_phases WHERE clinic_id = ? ORDER BY protocol_code, position
				""")
			.param(clinicId)
			.query((rs, row) -> Map.entry(rs.getString("protocol_code"),
					new Protocol.Phase(rs.getString("name"), rs.getInt("sessions"), rs.getInt("window_days"),
							rs.getInt("minimum_interval_hours"), rs.getInt("preferred_per_week"))))
			.list()
			.forEach((entry) -> phases.computeIfAbsent(entry.getKey(), (code) -> new ArrayList<>())
				.add(entry.getValue()));
		protocols.addAll(this.jdbc.sql("""
				SELECT code, name, infusion_minutes, observation_minutes, follow_up_days,
				       maintenance_min_interval_days, maintenance_max_interval_days
				  FROM course_protocols WHERE clinic_id = ? ORDER BY name
				""").param(clinicId).query((rs, row) -> protocol(rs, phases.get(rs.getString("code")))).list());
		return protocols;
	}

	public Optional<Protocol> find(UUID clinicId, String code) {
		return all(clinicId).stream().filter((protocol) -> protocol.code().equals(code)).findFirst();
	}

	/**
	 * Adds a protocol of the administrator's clinic.
	 * @throws InvalidInputException naming each field that breaks a rule; nothing is
	 * saved
	 */
	@Transactional
	public Protocol add(StaffPrincipal by, NewProtocol command) {
		if (!by.hasRole(Role.CLINIC_ADMIN)) {
			throw new AccessDeniedException("Only a clinic administrator adds protocols");
		}
		Protocol protocol = validate(by.clinicId(), command);
		this.jdbc
			.sql("""
					INSERT INTO course_protocols (clinic_id, code, name, infusion_minutes, observation_minutes, follow_up_days,
					    maintenance_min_interval_days, maintenance_max_interval_days, created_by, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					""")
			.params(by.clinicId(), protocol.code(), protocol.name(), protocol.infusionMinutes(),
					protocol.observationMinutes(), protocol.followUpDays(),
					protocol.maintenance().minimumIntervalDays(), protocol.maintenance().maximumIntervalDays(),
					by.staffId(), Timestamps.of(this.clock.instant()))
			.update();
		int position = 1;
		for (Protocol.Phase phase : protocol.phases()) {
			this.jdbc.sql("""
					INSERT INTO course_protocol_phases (clinic_id, protocol_code, position, name, sessions, window_days,
					    minimum_interval_hours, preferred_per_week)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)
					""")
				.params(by.clinicId(), protocol.code(), position++, phase.name(), phase.sessions(), phase.windowDays(),
						phase.minimumIntervalHours(), phase.preferredPerWeek())
				.update();
		}
		this.audit.record(by, AuditRecord.success("PROTOCOL_ADDED")
			.target("protocol", protocol.code())
			.details(protocol.name() + ": " + protocol.phases() + ", visit " + protocol.visitMinutes() + " min"));
		return protocol;
	}

	private Protocol validate(UUID clinicId, NewProtocol command) {
		List<InvalidInputException.FieldError> errors = new ArrayList<>();
		String code = (command.code() != null) ? command.code().strip() : "";
		if (!code.matches("[a-z0-9][a-z0-9-]{1,39}")) {
			errors
				.add(new InvalidInputException.FieldError("code", "must be 2–40 lowercase letters, digits or hyphens"));
		}
		else if (find(clinicId, code).isPresent()) {
			errors
				.add(new InvalidInputException.FieldError("code", "is already the code of a protocol of this clinic"));
		}
		String name = (command.name() != null) ? command.name().strip() : "";
		if (name.isEmpty() || name.length() > 120) {
			errors.add(new InvalidInputException.FieldError("name", "must be 1–120 characters"));
		}
		range(errors, "infusionMinutes", command.infusionMinutes(), 1, 600, "min");
		range(errors, "observationMinutes", command.observationMinutes(), 0, 600, "min");
		range(errors, "followUpDays", command.followUpDays(), 0, 365, "days");
		if ((command.maintenanceMinDays() == null) != (command.maintenanceMaxDays() == null)) {
			errors.add(new InvalidInputException.FieldError("maintenanceMaxDays",
					"give both maintenance intervals, or neither for boosters as needed"));
		}
		else if (command.maintenanceMinDays() != null) {
			range(errors, "maintenanceMinDays", command.maintenanceMinDays(), 1, 180, "days");
			range(errors, "maintenanceMaxDays", command.maintenanceMaxDays(), command.maintenanceMinDays(), 180,
					"days");
		}
		List<NewProtocol.PhaseRow> rows = (command.phases() != null) ? command.phases() : List.of();
		if (rows.isEmpty() || rows.size() > 6) {
			errors.add(new InvalidInputException.FieldError("phases", "give 1 to 6 phases"));
		}
		for (int index = 0; index < rows.size(); index++) {
			NewProtocol.PhaseRow row = rows.get(index);
			String prefix = "phases[" + index + "].";
			if (row.name() == null || !row.name().strip().matches("[a-z][a-z0-9 -]{0,39}")) {
				errors.add(new InvalidInputException.FieldError(prefix + "name",
						"must be 1–40 lowercase letters, digits or spaces, such as induction"));
			}
			range(errors, prefix + "sessions", row.sessions(), 1, 60, "sessions");
			range(errors, prefix + "windowDays", row.windowDays(), 1, 365, "days");
			range(errors, prefix + "minimumIntervalHours", row.minimumIntervalHours(), 1, 2000, "h");
			range(errors, prefix + "preferredPerWeek", row.preferredPerWeek(), 1, 7, "a week");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return new Protocol(code, name,
				rows.stream()
					.map((row) -> new Protocol.Phase(row.name().strip(), row.sessions(), row.windowDays(),
							row.minimumIntervalHours(), row.preferredPerWeek()))
					.toList(),
				new Protocol.Maintenance(command.maintenanceMinDays(), command.maintenanceMaxDays()),
				command.infusionMinutes(), command.observationMinutes(), command.followUpDays());
	}

	private static void range(List<InvalidInputException.FieldError> errors, String field, Integer value, int min,
			int max, String unit) {
		if (value == null) {
			errors.add(new InvalidInputException.FieldError(field, "is required"));
		}
		else if (value < min || value > max) {
			errors.add(new InvalidInputException.FieldError(field, "must be " + min + " to " + max + " " + unit));
		}
	}

	private int number(UUID clinicId, String key) {
		return this.settings.integer(clinicId, key);
	}

	private static Protocol protocol(ResultSet rs, List<Protocol.Phase> phases) throws SQLException {
		Integer minDays = (Integer) rs.getObject("maintenance_min_interval_days");
		Integer maxDays = (Integer) rs.getObject("maintenance_max_interval_days");
		return new Protocol(rs.getString("code"), rs.getString("name"), phases,
				new Protocol.Maintenance(minDays, maxDays), rs.getInt("infusion_minutes"),
				rs.getInt("observation_minutes"), rs.getInt("follow_up_days"));
	}

}
