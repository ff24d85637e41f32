package org.ketacare;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.ketacare.clinic.NewStaffMember;
import org.ketacare.clinic.StaffDirectory;
import org.ketacare.clinic.StaffMember;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Staff for tests: the demo users, and fresh users made through the staff directory so
 * that a test that locks or deactivates an account disturbs no other test.
 */
@Component
public class TestStaff {

	public static final String DEMO_PASSWORD = "ketacare-demo";

	public static final String PASSWORD = "violet tractor mumbles softly";

	private final JdbcClient jdbc;

	private final StaffDirectory directory;

	TestStaff(JdbcClient jdbc, StaffDirectory directory) {
		this.jdbc = jdbc;
		this.directory = directory;
	}

	/** A demo user by name, such as {@code admin.main}. */
	public StaffPrincipal demo(String username) {
		return this.jdbc.sql("""
				SELECT s.clinic_id, s.id, s.username, s.display_name, c.slug, c.name, c.time_zone,
				       (SELECT string_agg(r.role, ',') FROM staff_roles r
				         WHERE r.clinic_id = s.clinic_id AND r.staff_id = s.id) AS roles
				  FROM staff_users s JOIN clinics c ON c.id = s.clinic_id WHERE s.username = ?
				""").param(username).query((rs, row) -> {
			Set<Role> roles = EnumSet.noneOf(Role.class);
			Arrays.stream(rs.getString("roles").split(",")).map(Role::valueOf).forEach(roles::add);
			return new StaffPrincipal(rs.getObject("id", UUID.class), rs.getObject("clinic_id", UUID.class),
					rs.getString("slug"), rs.getString("name"), ZoneId.of(rs.getString("time_zone")),
					rs.getString("username"), rs.getString("display_name"), roles);
		}).single();
	}

	/**
	 * A new active staff member of the clinic with the given roles and the password
	 * {@link #PASSWORD}.
	 */
	public StaffPrincipal create(String clinicSlug, Role... roles) {
		return create(clinicSlug, roles[0], "t" + UUID.randomUUID().toString().substring(0, 8) + "." + clinicSlug,
				roles);
	}

	/**
	 * A new staff member with a chosen username and the roles {@code first} and
	 * {@code more}.
	 */
	public StaffPrincipal create(String clinicSlug, Role first, String username, Role... more) {
		EnumSet<Role> roles = EnumSet.of(first, more);
		StaffMember member = this.directory.create(demo("admin." + clinicSlug),
				new NewStaffMember(username, "Test " + username, roles, PASSWORD));
		return demo(member.username());
	}

	/** Makes a MockMvc request as this staff member, signed in. */
	public static RequestPostProcessor as(StaffPrincipal principal) {
		return SecurityMockMvcRequestPostProcessors.authentication(
				UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities()));
	}

}
