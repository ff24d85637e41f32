package org.ketacare.clinic;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.Role;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On the first start in demo mode, two clinics of one network with one user per role
 * each, so that a person can try every part of KetaCare at once. Never in production.
 */
@Component
@ConditionalOnProperty(name = "ketacare.demo.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

	static final String PASSWORD = "ketacare-demo";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private static final List<DemoClinic> CLINICS = List.of(
			new DemoClinic("main", "Mental Health Center — Main", "America/New_York", 4),
			new DemoClinic("north", "Mental Health Center — North", "America/Denver", 3));

	private static final List<DemoUser> USERS = List.of(new DemoUser("intake", "Intake Coordinator", Role.INTAKE),
			new DemoUser("nurse", "Nurse", Role.NURSE), new DemoUser("physician", "Physician", Role.PHYSICIAN),
			new DemoUser("therapist", "Therapist", Role.THERAPIST),
			new DemoUser("admin", "Clinic Administrator", Role.CLINIC_ADMIN));

	private final Clinics clinics;

	private final StaffRepository staff;

	private final PasswordEncoder passwords;

	private final AuditLog audit;

	private final Clock clock;

	private final DemoCalendar calendar;

	private final Environment environment;

	DemoData(Clinics clinics, StaffRepository staff, PasswordEncoder passwords, AuditLog audit, Clock clock,
			DemoCalendar calendar, Environment environment) {
		this.clinics = clinics;
		this.staff = staff;
		this.passwords = passwords;
		this.audit = audit;
		this.clock = clock;
		this.calendar = calendar;
		this.environment = environment;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		boolean created = false;
		for (DemoClinic demo : CLINICS) {
			if (this.clinics.findBySlug(demo.slug()).isPresent()) {
				continue;
			}
			Clinic clinic = this.clinics.create(demo.slug(), demo.name(), demo.timeZone());
			String hash = this.passwords.encode(PASSWORD);
			for (DemoUser user : USERS) {
				UUID id = UUID.randomUUID();
				String username = user.prefix() + "." + clinic.slug();
				this.staff.insert(clinic.id(), id, username, user.title() + " (" + clinic.slug() + ")", hash,
						this.clock.instant());
				this.staff.replaceRoles(clinic.id(), id, Set.of(user.role()));
				this.audit.record(AuditRecord.success("STAFF_CREATED")
					.target("staff", id)
					.details(username + " (demo data)")
					.asActor(new AuditRecord.Actor(clinic.id(), null, "system", null)));
			}
			created = true;
		}
		for (DemoClinic demo : CLINICS) {
			this.clinics.findBySlug(demo.slug())
				.ifPresent((clinic) -> this.calendar.ensure(clinic, demo.chairs(),
						List.of("nurse." + demo.slug(), "physician." + demo.slug())));
		}
		if (created) {
			StringBuilder banner = new StringBuilder("\n\n================ KetaCare demo data ================\n");
			for (DemoClinic demo : CLINICS) {
				banner.append(String.format("  %-32s (%s)%n", demo.name(), demo.timeZone()));
				USERS.forEach((user) -> banner
					.append(String.format("      %-18s %s%n", user.prefix() + "." + demo.slug(), user.role().label())));
			}
			banner.append("  Password for every demo user: ").append(PASSWORD).append('\n');
			// Runners run once the web server listens, so its port is known here.
			banner.append("  Sign in at http://localhost:")
				.append(this.environment.getProperty("local.server.port", "8080"))
				.append(" — demo mode; never use these accounts for real patients\n");
			banner.append("====================================================\n");
			log.info(banner.toString());
		}
		else {
			log.info("KetaCare demo data already present (users such as admin.main, password {})", PASSWORD);
		}
	}

	private record DemoClinic(String slug, String name, String timeZone, int chairs) {
	}

	private record DemoUser(String prefix, String title, Role role) {
	}

}
