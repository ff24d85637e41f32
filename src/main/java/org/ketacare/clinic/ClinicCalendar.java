package org.ketacare.clinic;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clinic's capacity for the schedule: its treatment rooms with their opening hours
 * and its staff's working hours. A clinic administrator keeps them; scheduling reads
 * them.
 */
@Service
public class ClinicCalendar {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	ClinicCalendar(JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/** Every room of the clinic, active or not, by name. */
	public List<Room> rooms(UUID clinicId) {
		Map<UUID, List<WeeklyHours>> hours = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT room_id, weekday, opens_at, closes_at FROM room_opening_hours WHERE clinic_id = ?
				 ORDER BY weekday
				""")
			.param(clinicId)
			.query((rs, row) -> Map.entry(rs.getObject("room_id", UUID.class), hours(rs, "opens_at", "closes_at")))
			.list()
			.forEach((entry) -> hours.computeIfAbsent(entry.getKey(), (id) -> new ArrayList<>()).add(entry.getValue()));
		return this.jdbc.sql("SELECT id, clinic_id, name, active, version FROM rooms WHERE clinic_id = ? ORDER BY name")
			.param(clinicId)
			.query((rs, row) -> new Room(rs.getObject("id", UUID.class), rs.getObject("clinic_id", UUID.class),
					rs.getString("name"), rs.getBoolean("active"),
					hours.getOrDefault(rs.getObject("id", UUID.class), List.of()), rs.getInt("version")))
			.list();
	}

	public Room room(UUID clinicId, UUID roomId) {
		return rooms(clinicId).stream()
			.filter((room) -> room.id().equals(roomId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Room " + roomId));
	}

	/** Adds a room with its opening hours. */
	@Transactional
	public Room addRoom(StaffPrincipal by, String name, List<WeeklyHours> openingHours) {
		requireAdministrator(by);
		String roomName = checkedName(name);
		checkOnePeriodPerDay("openingHours", openingHours);
		UUID id = UUID.randomUUID();
		try {
			this.jdbc.sql("INSERT INTO rooms (clinic_id, id, name, active, created_at) VALUES (?, ?, ?, TRUE, ?)")
				.params(by.clinicId(), id, roomName, Timestamps.of(this.clock.instant()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputException("name", "is already the name of a room of this clinic");
		}
		insertOpeningHours(by.clinicId(), id, openingHours);
		this.audit.record(by,
				AuditRecord.success("ROOM_ADDED").target("room", id).details(roomName + ": " + describe(openingHours)));
		return room(by.clinicId(), id);
	}

	/**
	 * Replaces a room's opening hours and active flag. Booked visits stay booked: the
	 * schedule shows them, and a move re-checks the new hours.
	 */
	@Transactional
	public Room changeRoom(StaffPrincipal by, UUID roomId, boolean active, List<WeeklyHours> openingHours,
			int expectedVersion) {
		requireAdministrator(by);
		Room before = room(by.clinicId(), roomId);
		checkOnePeriodPerDay("openingHours", openingHours);
		int updated = this.jdbc
			.sql("UPDATE rooms SET active = ?, version = version + 1 WHERE clinic_id = ? AND id = ? AND version = ?")
			.params(active, by.clinicId(), roomId, expectedVersion)
			.update();
		if (updated != 1) {
			throw new ConflictException(
					"Someone else changed this room while you were editing; reload the page and try again");
		}
		this.jdbc.sql("DELETE FROM room_opening_hours WHERE clinic_id = ? AND room_id = ?")
			.params(by.clinicId(), roomId)
			.update();
		insertOpeningHours(by.clinicId(), roomId, openingHours);
		this.audit.record(by,
				AuditRecord.success("ROOM_CHANGED")
					.target("room", roomId)
					.details(before.name() + ": " + (active ? "active" : "inactive") + ", " + describe(openingHours)));
		return room(by.clinicId(), roomId);
	}

	/** The working hours of every active staff member, by name. */
	public List<StaffHours> workingHours(UUID clinicId) {
		Map<UUID, List<WeeklyHours>> hours = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT staff_id, weekday, starts_at, ends_at FROM staff_working_hours WHERE clinic_id = ?
				 ORDER BY weekday
				""")
			.param(clinicId)
			.query((rs, row) -> Map.entry(rs.getObject("staff_id", UUID.class), hours(rs, "starts_at", "ends_at")))
			.list()
			.forEach((entry) -> hours.computeIfAbsent(entry.getKey(), (id) -> new ArrayList<>()).add(entry.getValue()));
		return this.jdbc.sql("""
				SELECT s.id, s.display_name,
				       (SELECT string_agg(r.role, ',') FROM staff_roles r
				         WHERE r.clinic_id = s.clinic_id AND r.staff_id = s.id) AS roles
				  FROM staff_users s WHERE s.clinic_id = ? AND s.active ORDER BY s.display_name
				""").param(clinicId).query((rs, row) -> {
			Set<Role> roles = EnumSet.noneOf(Role.class);
			String text = rs.getString("roles");
			if (text != null) {
				for (String role : text.split(",")) {
					roles.add(Role.valueOf(role));
				}
			}
			UUID id = rs.getObject("id", UUID.class);
			return new StaffHours(id, rs.getString("display_name"), roles, hours.getOrDefault(id, List.of()));
		}).list();
	}

	/** Replaces a staff member's weekly working hours. */
	@Transactional
	public StaffHours changeWorkingHours(StaffPrincipal by, UUID staffId, List<WeeklyHours> hours) {
		requireAdministrator(by);
		StaffHours before = workingHours(by.clinicId()).stream()
			.filter((staff) -> staff.staffId().equals(staffId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Staff member " + staffId));
		checkOnePeriodPerDay("hours", hours);
		// Serialises two administrators editing the same person's hours.
		this.jdbc.sql("SELECT id FROM staff_users WHERE clinic_id = ? AND id = ? FOR UPDATE")
			.params(by.clinicId(), staffId)
			.query(UUID.class)
			.single();
		this.jdbc.sql("DELETE FROM staff_working_hours WHERE clinic_id = ? AND staff_id = ?")
			.params(by.clinicId(), staffId)
			.update();
		for (WeeklyHours period : hours) {
			this.jdbc.sql("""
					INSERT INTO staff_working_hours (clinic_id, staff_id, weekday, starts_at, ends_at)
					VALUES (?, ?, ?, ?, ?)
					""").params(by.clinicId(), staffId, period.day().getValue(), period.from(), period.to()).update();
		}
		this.audit.record(by,
				AuditRecord.success("WORKING_HOURS_CHANGED")
					.target("staff", staffId)
					.details(before.displayName() + ": " + describe(hours)));
		return new StaffHours(staffId, before.displayName(), before.roles(), hours);
	}

	/** Words for a week of hours, such as "MONDAY 08:00–18:00, TUESDAY 08:00–18:00". */
	static String describe(List<WeeklyHours> hours) {
		if (hours.isEmpty()) {
			return "no hours";
		}
		return String.join(", ",
				hours.stream().map((period) -> period.day() + " " + period.from() + "–" + period.to()).toList());
	}

	private void insertOpeningHours(UUID clinicId, UUID roomId, List<WeeklyHours> openingHours) {
		for (WeeklyHours period : openingHours) {
			this.jdbc.sql("""
					INSERT INTO room_opening_hours (clinic_id, room_id, weekday, opens_at, closes_at)
					VALUES (?, ?, ?, ?, ?)
					""").params(clinicId, roomId, period.day().getValue(), period.from(), period.to()).update();
		}
	}

	private static void requireAdministrator(StaffPrincipal by) {
		if (!by.hasRole(Role.CLINIC_ADMIN)) {
			throw new AccessDeniedException("Only a clinic administrator changes rooms and working hours");
		}
	}

	private static String checkedName(String name) {
		String stripped = (name != null) ? name.strip() : "";
		if (stripped.isEmpty() || stripped.length() > 80) {
			throw new InvalidInputException("name", "must be 1–80 characters");
		}
		return stripped;
	}

	private static void checkOnePeriodPerDay(String field, List<WeeklyHours> hours) {
		Set<DayOfWeek> days = new HashSet<>();
		for (WeeklyHours period : hours) {
			if (!days.add(period.day())) {
				throw new InvalidInputException(field, "give at most one period for " + period.day());
			}
		}
	}

	private static WeeklyHours hours(ResultSet rs, String from, String to) throws SQLException {
		return new WeeklyHours(DayOfWeek.of(rs.getInt("weekday")), rs.getObject(from, LocalTime.class),
				rs.getObject(to, LocalTime.class));
	}

}
