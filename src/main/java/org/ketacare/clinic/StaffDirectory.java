package org.ketacare.clinic;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clinic administrator's view of staff: add, change roles, deactivate (never delete:
 * signatures must stay attributable) and reset passwords. Every method is scoped to the
 * acting administrator's clinic and audited.
 */
@Service
public class StaffDirectory {

	private final StaffRepository staff;

	private final PasswordEncoder passwords;

	private final AuditLog audit;

	private final Clock clock;

	private final ApiTokens tokens;

	private final FindByIndexNameSessionRepository<?> sessions;

	StaffDirectory(StaffRepository staff, PasswordEncoder passwords, AuditLog audit, Clock clock, ApiTokens tokens,
			FindByIndexNameSessionRepository<?> sessions) {
		this.staff = staff;
		this.passwords = passwords;
		this.audit = audit;
		this.clock = clock;
		this.tokens = tokens;
		this.sessions = sessions;
	}

	public List<StaffMember> list(UUID clinicId) {
		return this.staff.list(clinicId);
	}

	public StaffMember get(UUID clinicId, UUID staffId) {
		return this.staff.find(clinicId, staffId).orElseThrow(() -> new NotFoundException("Staff member " + staffId));
	}

	@Transactional
	public StaffMember create(StaffPrincipal by, NewStaffMember command) {
		String username = command.username().strip().toLowerCase(java.util.Locale.ROOT);
		if (this.staff.usernameTaken(username)) {
			throw new InvalidInputException("username", "is already taken");
		}
		PasswordPolicy.check("password", command.password(), username, command.displayName(), by.clinicName());
		UUID id = UUID.randomUUID();
		this.staff.insert(by.clinicId(), id, username, command.displayName().strip(),
				this.passwords.encode(command.password()), this.clock.instant());
		this.staff.replaceRoles(by.clinicId(), id, command.roles());
		this.audit.record(by,
				AuditRecord.success("STAFF_CREATED")
					.target("staff", id)
					.details(username + " with roles " + sorted(command.roles())));
		return get(by.clinicId(), id);
	}

	@Transactional
	public StaffMember changeRoles(StaffPrincipal by, UUID staffId, Set<Role> roles, int expectedVersion) {
		if (roles == null || roles.isEmpty()) {
			throw new InvalidInputException("roles", "choose at least one role");
		}
		StaffMember before = get(by.clinicId(), staffId);
		if (before.roles().contains(Role.CLINIC_ADMIN) && !roles.contains(Role.CLINIC_ADMIN)) {
			keepAnAdministrator(by, before);
		}
		bump(by, staffId, expectedVersion);
		this.staff.replaceRoles(by.clinicId(), staffId, roles);
		this.audit.record(by,
				AuditRecord.success("STAFF_ROLES_CHANGED")
					.target("staff", staffId)
					.details(before.username() + ": " + sorted(before.roles()) + " -> " + sorted(roles)));
		return get(by.clinicId(), staffId);
	}

	@Transactional
	public StaffMember deactivate(StaffPrincipal by, UUID staffId, int expectedVersion) {
		StaffMember before = get(by.clinicId(), staffId);
		if (staffId.equals(by.staffId())) {
			throw new InvalidInputException("staff", "you cannot deactivate your own account");
		}
		if (before.roles().contains(Role.CLINIC_ADMIN)) {
			keepAnAdministrator(by, before);
		}
		bump(by, staffId, expectedVersion);
		this.staff.setActive(by.clinicId(), staffId, false);
		endSessionsAndTokens(by.clinicId(), staffId, before.username(), null);
		this.audit.record(by,
				AuditRecord.success("STAFF_DEACTIVATED").target("staff", staffId).details(before.username()));
		return get(by.clinicId(), staffId);
	}

	@Transactional
	public StaffMember reactivate(StaffPrincipal by, UUID staffId, int expectedVersion) {
		StaffMember before = get(by.clinicId(), staffId);
		bump(by, staffId, expectedVersion);
		this.staff.setActive(by.clinicId(), staffId, true);
		this.audit.record(by,
				AuditRecord.success("STAFF_REACTIVATED").target("staff", staffId).details(before.username()));
		return get(by.clinicId(), staffId);
	}

	/**
	 * Sets a new password chosen by the administrator, lifts any lockout, and ends the
	 * person's sessions and API tokens: whoever knew the old password is signed out.
	 */
	@Transactional
	public StaffMember resetPassword(StaffPrincipal by, UUID staffId, String newPassword, int expectedVersion) {
		StaffMember before = get(by.clinicId(), staffId);
		PasswordPolicy.check("password", newPassword, before.username(), before.displayName(), by.clinicName());
		bump(by, staffId, expectedVersion);
		this.staff.setPassword(by.clinicId(), staffId, this.passwords.encode(newPassword), this.clock.instant());
		endSessionsAndTokens(by.clinicId(), staffId, before.username(), null);
		this.audit.record(by,
				AuditRecord.success("STAFF_PASSWORD_RESET").target("staff", staffId).details(before.username()));
		return get(by.clinicId(), staffId);
	}

	/**
	 * Revokes every API token of the person and ends their page sessions but the one kept
	 * ({@code null} for none).
	 */
	void endSessionsAndTokens(UUID clinicId, UUID staffId, String username, String keptSessionId) {
		this.tokens.revokeAll(clinicId, staffId);
		this.sessions.findByPrincipalName(username)
			.keySet()
			.stream()
			.filter((sessionId) -> !sessionId.equals(keptSessionId))
			.forEach(this.sessions::deleteById);
	}

	/**
	 * Claims the staff member's record for a change made on a page of that version.
	 * @throws ConflictException when someone changed it since
	 */
	void bump(StaffPrincipal by, UUID staffId, int expectedVersion) {
		if (!this.staff.bumpVersion(by.clinicId(), staffId, expectedVersion)) {
			throw new ConflictException(
					"Someone else changed this staff member while you were editing; reload the page and try again");
		}
	}

	private void keepAnAdministrator(StaffPrincipal by, StaffMember member) {
		if (member.active() && this.staff.countActiveWithRole(by.clinicId(), Role.CLINIC_ADMIN) <= 1) {
			throw new InvalidInputException("roles", "the clinic must keep at least one active clinic administrator");
		}
	}

	private static String sorted(Set<Role> roles) {
		return EnumSet.copyOf(roles).toString();
	}

}
