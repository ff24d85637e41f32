package org.ketacare.clinic;

import java.time.Clock;

import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditOutcome;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.FieldErrors;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A staff member changes their own password (ASVS 3.3.3): they prove they know the
 * current one, the new one follows the {@link PasswordPolicy}, and every other session
 * and API token of theirs ends, so that whoever else knew the old password is out.
 */
@Service
class OwnPassword {

	static final String WRONG_CURRENT_PASSWORD = "is not your current password";

	private final StaffRepository staff;

	private final StaffDirectory directory;

	private final PasswordEncoder passwords;

	private final AuditLog audit;

	private final Clock clock;

	private final TransactionTemplate transaction;

	OwnPassword(StaffRepository staff, StaffDirectory directory, PasswordEncoder passwords, AuditLog audit, Clock clock,
			PlatformTransactionManager transactions) {
		this.staff = staff;
		this.directory = directory;
		this.passwords = passwords;
		this.audit = audit;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Changes the password of the signed-in staff member. A refusal changes nothing but
	 * is audited, since a wrong current password may be someone else at an unlocked
	 * screen.
	 * @param keptSessionId the session the change is made in, which stays signed in
	 * @throws InvalidInputException naming {@code currentPassword}, {@code password} or
	 * {@code passwordRepeat}
	 */
	void change(StaffPrincipal me, String currentPassword, String newPassword, String repeat, String keptSessionId) {
		FieldErrors errors = new FieldErrors();
		String hash = this.staff.passwordHash(me.clinicId(), me.staffId());
		if (hash == null || currentPassword == null || !this.passwords.matches(currentPassword, hash)) {
			errors.add("currentPassword", WRONG_CURRENT_PASSWORD);
		}
		try {
			PasswordPolicy.check("password", newPassword, me.username(), me.displayName(), me.clinicName());
			if (newPassword.equals(currentPassword)) {
				errors.add("password", "must differ from your current password");
			}
		}
		catch (InvalidInputException ex) {
			ex.errors().forEach((error) -> errors.add(error.field(), error.message()));
		}
		if (newPassword == null || !newPassword.equals(repeat)) {
			errors.add("passwordRepeat", "does not match the new password");
		}
		try {
			errors.throwIfAny();
		}
		catch (InvalidInputException ex) {
			this.audit.record(me,
					AuditRecord.of("PASSWORD_CHANGED", AuditOutcome.FAILURE)
						.target("staff", me.staffId())
						.details("refused: " + String.join(", ", ex.errors().stream().map((e) -> e.field()).toList())));
			throw ex;
		}
		this.transaction.executeWithoutResult((status) -> {
			this.staff.setPassword(me.clinicId(), me.staffId(), this.passwords.encode(newPassword),
					this.clock.instant());
			this.directory.endSessionsAndTokens(me.clinicId(), me.staffId(), me.username(), keptSessionId);
			this.audit.record(me,
					AuditRecord.success("PASSWORD_CHANGED")
						.target("staff", me.staffId())
						.details("by " + me.username() + "; other sessions and API tokens ended"));
		});
	}

}
