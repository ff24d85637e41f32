package org.ketacare.infusion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.ketacare.TestStaff;
import org.ketacare.course.Protocols;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Years of closed infusion visits written straight into the tables with generate_series,
 * for benchmarks that need a clinic's history in seconds.
 */
public final class HistorySeeder {

	private final JdbcClient jdbc;

	private final TestStaff staff;

	private final Protocols protocols;

	private final Clock clock;

	public HistorySeeder(JdbcClient jdbc, TestStaff staff, Protocols protocols, Clock clock) {
		this.jdbc = jdbc;
		this.staff = staff;
		this.protocols = protocols;
		this.clock = clock;
	}

	/**
	 * Seeds {@code days} days of closed visits before now, {@code visitsPerChairPerDay}
	 * visits a day in each of {@code chairs} history chairs, the patients taking turns,
	 * each visit with a 40 mg dose order and {@code vitalsPerVisit} sets of vital signs;
	 * returns the number of visits.
	 */
	public int seed(StaffPrincipal nurse, StaffPrincipal physician, List<UUID> patients, int chairs, int days,
			int visitsPerChairPerDay, int vitalsPerVisit) {
		UUID clinic = nurse.clinicId();
		UUID admin = this.staff.demo("admin." + nurse.clinicSlug()).staffId();
		Instant now = this.clock.instant();
		Instant from = now.minus(Duration.ofDays(days + 1));
		this.jdbc.sql("DROP TABLE IF EXISTS bench_slots, bench_rooms, bench_patients").update();
		this.jdbc.sql("CREATE UNLOGGED TABLE bench_patients (n INT, patient_id UUID, course_id UUID)").update();
		for (int i = 0; i < patients.size(); i++) {
			this.jdbc.sql("INSERT INTO bench_patients VALUES (?, ?, gen_random_uuid())")
				.params(i, patients.get(i))
				.update();
		}
		this.jdbc.sql("""
				INSERT INTO courses (clinic_id, id, patient_id, protocol_code, protocol_json, start_date, status,
				    screening_id, created_by, created_at)
				SELECT ?, course_id, patient_id, 'iv-ketamine-standard', ?, DATE '2016-01-01', 'COMPLETED',
				       gen_random_uuid(), ?, ?
				FROM bench_patients
				""")
			.params(clinic, JsonMapper.builder().build().writeValueAsString(this.protocols.standard(clinic)), admin,
					Timestamps.of(from))
			.update();
		this.jdbc.sql("CREATE UNLOGGED TABLE bench_rooms (chair INT, room_id UUID)").update();
		this.jdbc.sql("INSERT INTO bench_rooms SELECT g, gen_random_uuid() FROM generate_series(0, ?) g")
			.params(chairs - 1)
			.update();
		this.jdbc.sql("""
				INSERT INTO rooms (clinic_id, id, name, active, created_at)
				SELECT ?, room_id, 'History chair ' || chair, false, ? FROM bench_rooms
				""").params(clinic, Timestamps.of(from)).update();
		int total = chairs * days * visitsPerChairPerDay;
		this.jdbc.sql("""
				CREATE UNLOGGED TABLE bench_slots AS
				SELECT g, gen_random_uuid() AS appointment_id, gen_random_uuid() AS visit_id, r.room_id,
				       p.patient_id, p.course_id,
				       ?::timestamptz + ((g / ?) / ?) * interval '1 day' + interval '8 hours'
				           + ((g / ?) % ?) * interval '100 minutes' AS starts_at
				FROM generate_series(0, ? - 1) g
				JOIN bench_rooms r ON r.chair = g % ?
				JOIN bench_patients p ON p.n = g % ?
				""")
			.params(Timestamps.of(from), chairs, visitsPerChairPerDay, chairs, visitsPerChairPerDay, total, chairs,
					patients.size())
			.update();
		this.jdbc.sql("""
				INSERT INTO appointments (clinic_id, id, course_id, patient_id, kind, phase, number, room_id, starts_at,
				    ends_at, status, booked_by, booked_at)
				SELECT ?, appointment_id, course_id, patient_id, 'INFUSION', 'induction', 1, room_id, starts_at,
				       starts_at + interval '100 minutes', 'ATTENDED', ?, starts_at - interval '7 days'
				FROM bench_slots
				""").params(clinic, admin).update();
		this.jdbc
			.sql("""
					INSERT INTO infusion_visits (clinic_id, id, appointment_id, patient_id, room_id, room_name,
					    scheduled_start, weight_kg, height_cm, escort_name, escort_phone, status, checked_in_by,
					    checked_in_at, infusion_started_at, infusion_ended_at, administered_mg, discharged_at, closed_at)
					SELECT ?, visit_id, appointment_id, patient_id, room_id, 'History chair', starts_at, 80, 180, 'Escort',
					       '555', 'CLOSED', ?, starts_at, starts_at + interval '20 minutes', starts_at + interval '60 minutes',
					       40, starts_at + interval '125 minutes', starts_at + interval '130 minutes'
					FROM bench_slots
					""")
			.params(clinic, nurse.staffId())
			.update();
		this.jdbc.sql("""
				INSERT INTO infusion_dose_orders (clinic_id, visit_id, mg_per_kg, weight_basis, basis_weight_kg,
				    duration_minutes, dose_mg, rate_mg_per_hour, bag_volume_ml, concentration_mg_per_ml,
				    rate_ml_per_hour, arithmetic, signer_id, signer_name, signed_at)
				SELECT ?, visit_id, 0.5, 'ACTUAL', 80, 40, 40, 60, 100, 0.4, 150, 'seeded', ?, 'Physician',
				       starts_at + interval '15 minutes'
				FROM bench_slots
				""").params(clinic, physician.staffId()).update();
		this.jdbc.sql("""
				INSERT INTO infusion_vitals (clinic_id, id, visit_id, taken_at, stage, systolic, diastolic, heart_rate,
				    spo2, respiratory_rate, recorded_by, recorded_at)
				SELECT ?, gen_random_uuid(), visit_id, starts_at + k * interval '15 minutes', 'INFUSION',
				       120 + (g + k) % 30, 80, 70 + k, 97, 14, ?, starts_at + k * interval '15 minutes'
				FROM bench_slots, generate_series(0, ? - 1) k
				""").params(clinic, nurse.staffId(), vitalsPerVisit).update();
		this.jdbc.sql("DROP TABLE bench_slots, bench_rooms, bench_patients").update();
		return total;
	}

}
