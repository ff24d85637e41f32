package org.ketacare.infusion;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.ketacare.TestStaff;
import org.ketacare.course.Protocols;
import org.ketacare.ledger.Ledger;
import org.ketacare.ledger.NewReceipt;
import org.ketacare.ledger.Vial;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Patients with an infusion appointment starting now, vials in the ledger, and a way to
 * let time pass: the visit's clock fields are moved back (the visit is open, so the
 * database allows it), which is what two hours in the chair look like.
 */
public final class InfusionFixtures {

	private final MockMvc mvc;

	private final TestStaff staff;

	private final JdbcClient jdbc;

	private final Ledger ledger;

	private final Clock clock;

	private final Protocols protocols;

	public InfusionFixtures(MockMvc mvc, TestStaff staff, JdbcClient jdbc, Ledger ledger, Clock clock,
			Protocols protocols) {
		this.protocols = protocols;
		this.mvc = mvc;
		this.staff = staff;
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.clock = clock;
	}

	/** A registered patient (80 kg, 180 cm) of the clinic; {@code sex} male or female. */
	UUID patient(String clinic, String sex, boolean pregnancyPossible, BigDecimal weightKg, BigDecimal heightCm)
			throws Exception {
		String body = this.mvc
			.perform(post("/api/v1/patients").with(TestStaff.as(this.staff.demo("intake." + clinic)))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"givenName": "Robin", "familyName": "Chair%s", "birthDate": "1979-02-11", "sexAtBirth": "%s",
						 "pregnancyPossible": %s, "weightKg": %s, "heightCm": %s}
						""".formatted(UUID.randomUUID().toString().substring(0, 6), sex, pregnancyPossible, weightKg,
						heightCm)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return UUID.fromString(JsonPath.read(body, "$.id"));
	}

	public UUID patient(String clinic) throws Exception {
		return patient(clinic, "male", false, new BigDecimal("80"), new BigDecimal("180"));
	}

	/**
	 * An infusion appointment of the patient in a room of its own, starting at
	 * {@code start}, in the patient's course (begun for it when there is none).
	 */
	public UUID appointment(String clinic, UUID patientId, Instant start) {
		StaffPrincipal admin = this.staff.demo("admin." + clinic);
		UUID clinicId = admin.clinicId();
		UUID room = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.jdbc.sql("INSERT INTO rooms (clinic_id, id, name, created_at) VALUES (?, ?, ?, ?)")
			.params(clinicId, room, "Chair " + room.toString().substring(0, 8), Timestamps.of(now))
			.update();
		UUID course = this.jdbc.sql("""
				SELECT id FROM courses WHERE clinic_id = ? AND patient_id = ? AND status = 'INDUCTION'
				""").params(clinicId, patientId).query(UUID.class).optional().orElse(null);
		if (course == null) {
			course = UUID.randomUUID();
			this.jdbc.sql("""
					INSERT INTO courses (clinic_id, id, patient_id, protocol_code, protocol_json, start_date, status,
					    screening_id, created_by, created_at)
					VALUES (?, ?, ?, 'iv-ketamine-standard', ?, ?, 'INDUCTION', ?, ?, ?)
					""")
				.params(clinicId, course, patientId,
						JsonMapper.builder().build().writeValueAsString(this.protocols.standard(clinicId)),
						LocalDate.now(this.clock), UUID.randomUUID(), admin.staffId(), Timestamps.of(now))
				.update();
		}
		UUID appointment = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO appointments (clinic_id, id, course_id, patient_id, kind, phase, number, room_id, starts_at,
				    ends_at, status, booked_by, booked_at)
				VALUES (?, ?, ?, ?, 'INFUSION', 'induction', 1, ?, ?, ?, 'BOOKED', ?, ?)
				""")
			.params(clinicId, appointment, course, patientId, room, Timestamps.of(start),
					Timestamps.of(start.plus(Duration.ofMinutes(120))), admin.staffId(), Timestamps.of(now))
			.update();
		return appointment;
	}

	public UUID appointmentNow(String clinic, UUID patientId) {
		return appointment(clinic, patientId, this.clock.instant().minus(Duration.ofMinutes(5)));
	}

	/**
	 * Moves the visit's check-in back, as if the patient had come {@code minutes} ago.
	 */
	public void checkedInMinutesAgo(UUID visitId, int minutes) {
		this.jdbc.sql("UPDATE infusion_visits SET checked_in_at = ? WHERE id = ?")
			.params(Timestamps.of(this.clock.instant().minus(Duration.ofMinutes(minutes))), visitId)
			.update();
	}

	/** {@code count} vials of 10 mL at 50 mg/mL expiring on {@code expiry}. */
	List<Vial> vials(String clinic, LocalDate expiry, int count) {
		StaffPrincipal admin = this.staff.demo("admin." + clinic);
		LocalDate today = LocalDate.now(this.clock.withZone(admin.clinicZone()));
		List<NewReceipt.Container> containers = java.util.stream.IntStream.range(0, count)
			.mapToObj((i) -> new NewReceipt.Container("L" + i, expiry))
			.toList();
		return this.ledger.receive(admin,
				new NewReceipt("Acme Drug Distribution", "1 Depot Road, Newark NJ", "PB1234563",
						"INV-" + UUID.randomUUID(), today.minusDays(30),
						new NewReceipt.Product("Ketamine HCl", ndc(), new BigDecimal("50"), new BigDecimal("10"), null),
						containers, "Main safe"));
	}

	public Vial vial(String clinic) {
		StaffPrincipal admin = this.staff.demo("admin." + clinic);
		return vials(clinic, LocalDate.now(this.clock.withZone(admin.clinicZone())).plusYears(1), 1).get(0);
	}

	Vial expiredVial(String clinic) {
		StaffPrincipal admin = this.staff.demo("admin." + clinic);
		return vials(clinic, LocalDate.now(this.clock.withZone(admin.clinicZone())).minusDays(1), 1).get(0);
	}

	private static String ndc() {
		String digits = String.format("%010d",
				Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000_000L));
		return digits.substring(0, 5) + "-" + digits.substring(5, 8) + "-" + digits.substring(8, 10);
	}

}
