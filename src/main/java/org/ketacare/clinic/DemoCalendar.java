package org.ketacare.clinic;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo rooms and working hours, so that a demo clinic can plan courses at once: chairs
 * open 08:00–18:00 Monday to Friday in the clinic's zone, and the demo nurse and
 * physician working the same hours. Adds only what is missing, so it is safe on every
 * start.
 */
@Component
class DemoCalendar {

	private static final LocalTime OPENS = LocalTime.of(8, 0);

	private static final LocalTime CLOSES = LocalTime.of(18, 0);

	private static final EnumSet<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	DemoCalendar(JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	void ensure(Clinic clinic, int chairs, List<String> workingUsernames) {
		AuditRecord.Actor system = new AuditRecord.Actor(clinic.id(), null, "system", null);
		int rooms = this.jdbc.sql("SELECT count(*) FROM rooms WHERE clinic_id = ?")
			.param(clinic.id())
			.query(Integer.class)
			.single();
		if (rooms == 0) {
			for (int number = 1; number <= chairs; number++) {
				UUID id = UUID.randomUUID();
				this.jdbc.sql("INSERT INTO rooms (clinic_id, id, name, active, created_at) VALUES (?, ?, ?, TRUE, ?)")
					.params(clinic.id(), id, "Chair " + number, Timestamps.of(this.clock.instant()))
					.update();
				for (DayOfWeek day : WEEKDAYS) {
					this.jdbc.sql("""
							INSERT INTO room_opening_hours (clinic_id, room_id, weekday, opens_at, closes_at)
							VALUES (?, ?, ?, ?, ?)
							""").params(clinic.id(), id, day.getValue(), OPENS, CLOSES).update();
				}
				this.audit.record(AuditRecord.success("ROOM_ADDED")
					.target("room", id)
					.details("Chair " + number + " (demo data)")
					.asActor(system));
			}
		}
		for (String username : workingUsernames) {
			List<UUID> withoutHours = this.jdbc
				.sql("""
						SELECT s.id FROM staff_users s
						 WHERE s.clinic_id = ? AND s.username = ?
						   AND NOT EXISTS (SELECT 1 FROM staff_working_hours h WHERE h.clinic_id = s.clinic_id AND h.staff_id = s.id)
						""")
				.params(clinic.id(), username)
				.query(UUID.class)
				.list();
			for (UUID staffId : withoutHours) {
				for (DayOfWeek day : WEEKDAYS) {
					this.jdbc.sql("""
							INSERT INTO staff_working_hours (clinic_id, staff_id, weekday, starts_at, ends_at)
							VALUES (?, ?, ?, ?, ?)
							""").params(clinic.id(), staffId, day.getValue(), OPENS, CLOSES).update();
				}
				this.audit.record(AuditRecord.success("WORKING_HOURS_CHANGED")
					.target("staff", staffId)
					.details(username + ": Monday–Friday 08:00–18:00 (demo data)")
					.asActor(system));
			}
		}
	}

}
