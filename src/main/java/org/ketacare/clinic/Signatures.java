package org.ketacare.clinic;

import java.time.Clock;
import java.util.Set;

import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditOutcome;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.Role;
import org.ketacare.platform.RuleViolationException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signing: the signer gives their password again, and the signature records their name,
 * the time and its meaning.
 */
@Service
public class Signatures {

	private final StaffRepository staff;

	private final PasswordEncoder passwords;

	private final AuditLog audit;

	private final Clock clock;

	private final TransactionTemplate separateTransaction;

	Signatures(StaffRepository staff, PasswordEncoder passwords, AuditLog audit, Clock clock,
			PlatformTransactionManager transactions) {
		this.staff = staff;
		this.passwords = passwords;
		this.audit = audit;
		this.clock = clock;
		this.separateTransaction = new TransactionTemplate(transactions);
		this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Signs as {@code signer} if the password is theirs and they hold one of
	 * {@code allowedRoles}.
	 * @throws InvalidInputException naming the {@code password} field when it is wrong
	 */
	public Signature sign(StaffPrincipal signer, String password, String meaning, Set<Role> allowedRoles) {
		if (allowedRoles.stream().noneMatch(signer::hasRole)) {
			throw new AccessDeniedException("Signing as " + meaning + " needs one of the roles " + allowedRoles);
		}
		String hash = this.staff.passwordHash(signer.clinicId(), signer.staffId());
		if (password == null || password.isEmpty() || hash == null || !this.passwords.matches(password, hash)) {
			// The signed change rolls back with this exception; the failed attempt must
			// stay on record regardless.
			this.separateTransaction.executeWithoutResult((status) -> this.audit.record(signer,
					AuditRecord.of("SIGNATURE", AuditOutcome.FAILURE).details(meaning + ": wrong password")));
			throw new InvalidInputException("password", "is not your password; the signature was not made");
		}
		return new Signature(signer.staffId(), signer.displayName(), this.clock.instant(), meaning);
	}

	/**
	 * A second person's signature on what {@code actor} does, such as witnessing waste:
	 * the witness gives their own name and password on the actor's screen. The witness
	 * must be another active member of the same clinic holding one of
	 * {@code allowedRoles}.
	 * @throws RuleViolationException when the witness is the actor
	 * @throws InvalidInputException naming {@code witnessUsername} or
	 * {@code witnessPassword} when they do not identify such a person
	 */
	public Signature witness(StaffPrincipal actor, String witnessUsername, String witnessPassword, String meaning,
			Set<Role> allowedRoles) {
		String username = (witnessUsername != null) ? witnessUsername.strip().toLowerCase(java.util.Locale.ROOT) : "";
		if (username.isEmpty()) {
			throw new InvalidInputException("witnessUsername", "is required");
		}
		if (username.equals(actor.username())) {
			throw new RuleViolationException("The witness must be another person than " + actor.displayName());
		}
		StaffPrincipal witness = this.staff.findForSignIn(username)
			.filter((record) -> record.active() && record.principal().clinicId().equals(actor.clinicId()))
			.map(StaffRepository.SignInRecord::principal)
			.orElseThrow(() -> new InvalidInputException("witnessUsername", "is not active staff of this clinic"));
		if (allowedRoles.stream().noneMatch(witness::hasRole)) {
			throw new InvalidInputException("witnessUsername", "must hold one of the roles " + allowedRoles);
		}
		String hash = this.staff.passwordHash(witness.clinicId(), witness.staffId());
		if (witnessPassword == null || witnessPassword.isEmpty() || !this.passwords.matches(witnessPassword, hash)) {
			this.separateTransaction.executeWithoutResult(
					(status) -> this.audit.record(actor, AuditRecord.of("SIGNATURE", AuditOutcome.FAILURE)
						.details(meaning + ": wrong password for witness " + witness.username())));
			throw new InvalidInputException("witnessPassword", "is not the witness's password; nothing was signed");
		}
		return new Signature(witness.staffId(), witness.displayName(), this.clock.instant(), meaning);
	}

}
