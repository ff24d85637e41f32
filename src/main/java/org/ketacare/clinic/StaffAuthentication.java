package org.ketacare.clinic;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditOutcome;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a staff member's name and password for the sign-in page and the token API alike,
 * counts failures, locks the account after too many, and audits every attempt. Every
 * failure gives the same answer, so that the response does not tell whether a name exists
 * or is locked.
 */
@Component
class StaffAuthentication implements AuthenticationProvider {

	static final String FAILURE_MESSAGE = "Wrong username or password, or the account is locked after repeated failures";

	private final StaffRepository staff;

	private final PasswordEncoder passwords;

	private final AuditLog audit;

	private final StaffSecurityProperties properties;

	private final Clock clock;

	private final TransactionTemplate transaction;

	private final SecondFactors secondFactors;

	/**
	 * Compared against when the name is unknown, so that unknown names take as long as
	 * wrong passwords.
	 */
	private final String unknownUserHash;

	StaffAuthentication(StaffRepository staff, PasswordEncoder passwords, AuditLog audit,
			StaffSecurityProperties properties, Clock clock, PlatformTransactionManager transactions,
			SecondFactors secondFactors) {
		this.staff = staff;
		this.passwords = passwords;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
		this.secondFactors = secondFactors;
		this.unknownUserHash = passwords.encode("no such user: timing equaliser");
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String username = String.valueOf(authentication.getName()).strip().toLowerCase(Locale.ROOT);
		String password = String.valueOf(authentication.getCredentials());
		Instant now = this.clock.instant();
		Optional<StaffRepository.SignInRecord> found = this.staff.findForSignIn(username);
		if (found.isEmpty()) {
			this.passwords.matches(password, this.unknownUserHash);
			fail(new AuditRecord.Actor(null, null, truncate(username), null), "unknown username");
		}
		StaffRepository.SignInRecord record = found.get();
		StaffPrincipal principal = record.principal();
		AuditRecord.Actor actor = AuditRecord.Actor.of(principal);
		if (!record.active()) {
			fail(actor, "account deactivated");
		}
		if (record.lockedUntil() != null && record.lockedUntil().isAfter(now)) {
			this.transaction
				.executeWithoutResult((status) -> this.audit.record(AuditRecord.of("SIGN_IN", AuditOutcome.DENIED)
					.details("account locked until " + record.lockedUntil())
					.asActor(actor)));
			throw new BadCredentialsException(FAILURE_MESSAGE);
		}
		if (!this.passwords.matches(password, record.passwordHash())) {
			this.transaction.executeWithoutResult((status) -> {
				Optional<Instant> locked = this.staff.recordFailure(principal.clinicId(), principal.staffId(),
						this.properties.maxFailedAttempts(), now.plus(this.properties.lockoutDuration()));
				this.audit
					.record(AuditRecord.of("SIGN_IN", AuditOutcome.FAILURE).details("wrong password").asActor(actor));
				locked.ifPresent((until) -> this.audit.record(AuditRecord.of("ACCOUNT_LOCKED", AuditOutcome.SUCCESS)
					.target("staff", principal.staffId())
					.details("after " + this.properties.maxFailedAttempts() + " failed sign-ins, until " + until)
					.asActor(actor)));
			});
			throw new BadCredentialsException(FAILURE_MESSAGE);
		}
		SecondFactors.Step next = this.secondFactors.stepAfterPassword(principal);
		if (next == SecondFactors.Step.CODE) {
			// Not signed in yet, and the failure count stays: a stolen password must not
			// reset the count of wrong codes.
			return new PendingSignIn(principal, next);
		}
		this.transaction.executeWithoutResult((status) -> {
			this.staff.recordSuccess(principal.clinicId(), principal.staffId());
			this.audit.record(AuditRecord.success("SIGN_IN")
				.details((next == SecondFactors.Step.ENROL) ? "must set up two-step sign-in" : null)
				.asActor(actor));
		});
		if (next == SecondFactors.Step.ENROL) {
			return new PendingSignIn(principal, next);
		}
		return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities());
	}

	private void fail(AuditRecord.Actor actor, String why) {
		this.transaction.executeWithoutResult((status) -> this.audit
			.record(AuditRecord.of("SIGN_IN", AuditOutcome.FAILURE).details(why).asActor(actor)));
		throw new BadCredentialsException(FAILURE_MESSAGE);
	}

	private static String truncate(String text) {
		return (text.length() > 100) ? text.substring(0, 100) : text;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
