package org.ketacare.clinic;

import java.time.Clock;
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
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * In production, the first clinic and its first administrator come from configuration,
 * once, when the database has no staff at all. Everyone else is then added by that
 * administrator.
 */
@Component
@ConditionalOnProperty(name = "ketacare.bootstrap.admin-username")
class FirstAdministrator implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

	private final BootstrapProperties properties;

	private final Clinics clinics;

	private final StaffRepository staff;

	private final PasswordEncoder passwords;

	private final AuditLog audit;

	private final Clock clock;

	FirstAdministrator(BootstrapProperties properties, Clinics clinics, StaffRepository staff,
			PasswordEncoder passwords, AuditLog audit, Clock clock) {
		this.properties = properties;
		this.clinics = clinics;
		this.staff = staff;
		this.passwords = passwords;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (this.staff.countAll() > 0) {
			return;
		}
		BootstrapProperties p = this.properties;
		PasswordPolicy.check("ketacare.bootstrap.admin-password", p.adminPassword(), p.adminUsername(),
				p.adminDisplayName(), p.clinicName());
		Clinic clinic = this.clinics.findBySlug(p.clinicSlug())
			.orElseGet(() -> this.clinics.create(p.clinicSlug(), p.clinicName(), p.clinicTimeZone()));
		UUID id = UUID.randomUUID();
		this.staff.insert(clinic.id(), id, p.adminUsername(), p.adminDisplayName(),
				this.passwords.encode(p.adminPassword()), this.clock.instant());
		this.staff.replaceRoles(clinic.id(), id, Set.of(Role.CLINIC_ADMIN));
		this.audit.record(AuditRecord.success("STAFF_CREATED")
			.target("staff", id)
			.details(p.adminUsername() + " (first administrator, from configuration)")
			.asActor(new AuditRecord.Actor(clinic.id(), null, "system", null)));
		log.info("Created clinic '{}' and its first administrator '{}'", clinic.name(), p.adminUsername());
	}

	/**
	 * The first clinic and administrator of a production installation.
	 */
	@ConfigurationProperties("ketacare.bootstrap")
	record BootstrapProperties(String clinicSlug, String clinicName, String clinicTimeZone, String adminUsername,
			String adminDisplayName, String adminPassword) {
	}

}
