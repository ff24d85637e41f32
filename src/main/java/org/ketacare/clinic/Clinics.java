package org.ketacare.clinic;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clinics of this installation.
 */
@Service
public class Clinics {

	private final JdbcClient jdbc;

	private final Clock clock;

	Clinics(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Clinic get(UUID id) {
		return this.jdbc.sql("SELECT id, slug, name, time_zone FROM clinics WHERE id = ?")
			.param(id)
			.query(Clinics::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("Clinic " + id));
	}

	public Optional<Clinic> findBySlug(String slug) {
		return this.jdbc.sql("SELECT id, slug, name, time_zone FROM clinics WHERE slug = ?")
			.param(slug)
			.query(Clinics::map)
			.optional();
	}

	public List<Clinic> all() {
		return this.jdbc.sql("SELECT id, slug, name, time_zone FROM clinics ORDER BY name").query(Clinics::map).list();
	}

	@Transactional
	public Clinic create(String slug, String name, String timeZone) {
		ZoneId zone;
		try {
			zone = ZoneId.of(timeZone);
		}
		catch (RuntimeException ex) {
			throw new InvalidInputException("timeZone", "must be a time zone such as America/New_York");
		}
		if (slug == null || !slug.matches("[a-z0-9][a-z0-9-]{0,39}")) {
			throw new InvalidInputException("slug", "must be 1–40 lowercase letters, digits or hyphens");
		}
		if (name == null || name.isBlank() || name.length() > 200) {
			throw new InvalidInputException("name", "must be 1–200 characters");
		}
		Clinic clinic = new Clinic(UUID.randomUUID(), slug, name.strip(), zone);
		this.jdbc.sql("INSERT INTO clinics (id, slug, name, time_zone, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(clinic.id(), clinic.slug(), clinic.name(), zone.getId(), Timestamps.of(this.clock.instant()))
			.update();
		return clinic;
	}

	private static Clinic map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Clinic(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
				ZoneId.of(rs.getString("time_zone")));
	}

}
