package org.ketacare.clinic;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;

import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditOutcome;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.InvalidInputException.FieldError;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-step sign-in: a TOTP app as the second factor after the password. Staff enrol
 * themselves; the installation requires it for some roles, and the clinic administrator
 * for a person; the administrator resets it when a phone is lost. Every change and every
 * code or recovery code used is audited.
 */
@Service
class SecondFactors {

	/** What a correct password leads to. */
	enum Step {

		/** Signed in: no second factor is in use or required. */
		NONE,
		/** The code from the app (or a recovery code) is asked for next. */
		CODE,
		/** The person must set up two-step sign-in before anything else. */
		ENROL

	}

	private static final String ISSUER = "KetaCare";

	private final SecondFactorRepository factors;

	private final StaffRepository staff;

	private final SecondFactorSecrets secrets;

	private final SecondFactorProperties properties;

	private final StaffSecurityProperties security;

	private final PasswordEncoder passwords;

	private final AuditLog audit;

	private final Clock clock;

	private final StaffDirectory directory;

	SecondFactors(SecondFactorRepository factors, StaffRepository staff, SecondFactorSecrets secrets,
			SecondFactorProperties properties, StaffSecurityProperties security, PasswordEncoder passwords,
			AuditLog audit, Clock clock, StaffDirectory directory) {
		this.factors = factors;
		this.staff = staff;
		this.secrets = secrets;
		this.properties = properties;
		this.security = security;
		this.passwords = passwords;
		this.audit = audit;
		this.clock = clock;
		this.directory = directory;
	}

	Step stepAfterPassword(StaffPrincipal principal) {
		if (enrolled(principal)) {
			return Step.CODE;
		}
		return required(principal) ? Step.ENROL : Step.NONE;
	}

	boolean enrolled(StaffPrincipal principal) {
		return this.factors.find(principal.clinicId(), principal.staffId())
			.map(SecondFactorRepository.StoredFactor::confirmed)
			.orElse(false);
	}

	/** Whether the person's roles or their administrator require two-step sign-in. */
	boolean required(StaffPrincipal principal) {
		return this.properties.requiredFor(principal.roles())
				|| this.factors.requiredForPerson(principal.clinicId(), principal.staffId());
	}

	/** The person's own view: in use or not, and a set-up in progress. */
	Overview overview(StaffPrincipal me) {
		Optional<SecondFactorRepository.StoredFactor> stored = this.factors.find(me.clinicId(), me.staffId());
		boolean enrolled = stored.map(SecondFactorRepository.StoredFactor::confirmed).orElse(false);
		Setup setup = stored.filter((factor) -> !factor.confirmed())
			.map((factor) -> setup(me, this.secrets.decrypt(factor.secretEncrypted(), owner(me))))
			.orElse(null);
		int recoveryCodesLeft = enrolled ? this.factors.unusedRecoveryCodes(me.clinicId(), me.staffId()) : 0;
		return new Overview(enrolled, required(me), setup, recoveryCodesLeft);
	}

	/** Makes a new secret for the person to scan; it is not in use until confirmed. */
	@Transactional
	void startEnrolment(StaffPrincipal me) {
		if (enrolled(me)) {
			throw new ConflictException("Two-step sign-in is already on; turn it off first to set up another phone");
		}
		String secret = new DefaultSecretGenerator().generate();
		this.factors.saveUnconfirmed(me.clinicId(), me.staffId(), this.secrets.encrypt(secret, owner(me)),
				this.clock.instant());
		this.audit.record(me, AuditRecord.success("SECOND_FACTOR_ENROLMENT_STARTED").target("staff", me.staffId()));
	}

	/**
	 * Turns two-step sign-in on when the code matches the new secret; returns the
	 * recovery codes, which are shown this once.
	 */
	@Transactional
	List<String> confirm(StaffPrincipal me, String code) {
		SecondFactorRepository.StoredFactor stored = this.factors.find(me.clinicId(), me.staffId())
			.filter((factor) -> !factor.confirmed())
			.orElseThrow(() -> new InvalidInputException("code", "has no set-up to confirm; start the set-up again"));
		String secret = this.secrets.decrypt(stored.secretEncrypted(), owner(me));
		Instant now = this.clock.instant();
		OptionalLong step = OneTimeCodes.looksLikeCode(code)
				? OneTimeCodes.acceptedStep(secret, code, now.getEpochSecond(), null) : OptionalLong.empty();
		if (step.isEmpty()) {
			throw new InvalidInputException("code",
					"is not the code the app shows now: type the 6 digits, or check that the phone's time is right");
		}
		this.factors.confirm(me.clinicId(), me.staffId(), step.getAsLong(), now);
		List<String> recoveryCodes = RecoveryCodes.generate();
		this.factors.replaceRecoveryCodes(me.clinicId(), me.staffId(),
				recoveryCodes.stream().map(RecoveryCodes::hash).toList());
		this.audit.record(me,
				AuditRecord.success("SECOND_FACTOR_ENROLLED")
					.target("staff", me.staffId())
					.details("with " + recoveryCodes.size() + " recovery codes"));
		return recoveryCodes;
	}

	/** Turns two-step sign-in off, with the password and a current code as proof. */
	@Transactional
	void disable(StaffPrincipal me, String password, String code) {
		if (required(me)) {
			throw new InvalidInputException("disable",
					"Your role or your clinic administrator requires two-step sign-in, so it stays on");
		}
		SecondFactorRepository.StoredFactor stored = this.factors.find(me.clinicId(), me.staffId())
			.filter(SecondFactorRepository.StoredFactor::confirmed)
			.orElseThrow(() -> new InvalidInputException("disable", "Two-step sign-in is not on"));
		proveItIsYou(me, stored, password, code);
		this.factors.delete(me.clinicId(), me.staffId());
		this.audit.record(me, AuditRecord.success("SECOND_FACTOR_DISABLED").target("staff", me.staffId()));
	}

	/**
	 * Ten new recovery codes in place of the old ones, which all stop working, with the
	 * password and a current code as proof; returns them, to be shown this once.
	 */
	@Transactional
	List<String> renewRecoveryCodes(StaffPrincipal me, String password, String code) {
		SecondFactorRepository.StoredFactor stored = this.factors.find(me.clinicId(), me.staffId())
			.filter(SecondFactorRepository.StoredFactor::confirmed)
			.orElseThrow(() -> new InvalidInputException("renew", "Two-step sign-in is not on"));
		proveItIsYou(me, stored, password, code);
		List<String> recoveryCodes = RecoveryCodes.generate();
		this.factors.replaceRecoveryCodes(me.clinicId(), me.staffId(),
				recoveryCodes.stream().map(RecoveryCodes::hash).toList());
		this.audit.record(me,
				AuditRecord.success("RECOVERY_CODES_RENEWED")
					.target("staff", me.staffId())
					.details(recoveryCodes.size() + " new recovery codes; the earlier ones no longer work"));
		return recoveryCodes;
	}

	/**
	 * Checks the password and a current code from the app (used up, so that it cannot be
	 * replayed), naming each field that is wrong.
	 */
	private void proveItIsYou(StaffPrincipal me, SecondFactorRepository.StoredFactor stored, String password,
			String code) {
		List<FieldError> errors = new ArrayList<>();
		String hash = this.staff.passwordHash(me.clinicId(), me.staffId());
		if (password == null || password.isEmpty() || hash == null || !this.passwords.matches(password, hash)) {
			errors.add(new FieldError("password", "is not your password"));
		}
		OptionalLong step = OneTimeCodes.looksLikeCode(code)
				? OneTimeCodes.acceptedStep(this.secrets.decrypt(stored.secretEncrypted(), owner(me)), code,
						this.clock.instant().getEpochSecond(), stored.lastUsedStep())
				: OptionalLong.empty();
		if (step.isEmpty()) {
			errors.add(new FieldError("code", "is not the current code from your app, or was used already"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (!this.factors.useStep(me.clinicId(), me.staffId(), step.getAsLong())) {
			// Another request took the same code in the meantime.
			throw new InvalidInputException("code", "is not the current code from your app, or was used already");
		}
	}

	/**
	 * The second step of signing in, for the sign-in page and the token API alike: true
	 * when the code from the app, or an unused recovery code, is right. A wrong one
	 * counts toward the lockout like a wrong password; a missing one (the token API) is
	 * audited but not counted, since it guesses nothing.
	 */
	@Transactional
	boolean completeSignIn(StaffPrincipal principal, String input) {
		AuditRecord.Actor actor = AuditRecord.Actor.of(principal);
		Instant now = this.clock.instant();
		Optional<StaffRepository.SignInRecord> record = this.staff.findForSignIn(principal.username());
		if (record.isEmpty() || !record.get().active()) {
			this.audit
				.record(AuditRecord.of("SIGN_IN", AuditOutcome.FAILURE).details("account deactivated").asActor(actor));
			return false;
		}
		Instant lockedUntil = record.get().lockedUntil();
		if (lockedUntil != null && lockedUntil.isAfter(now)) {
			this.audit.record(AuditRecord.of("SIGN_IN", AuditOutcome.DENIED)
				.details("account locked until " + lockedUntil)
				.asActor(actor));
			return false;
		}
		Optional<SecondFactorRepository.StoredFactor> stored = this.factors
			.find(principal.clinicId(), principal.staffId())
			.filter(SecondFactorRepository.StoredFactor::confirmed);
		if (stored.isEmpty()) {
			this.audit.record(AuditRecord.of("SIGN_IN", AuditOutcome.FAILURE)
				.details("second factor was reset during sign-in")
				.asActor(actor));
			return false;
		}
		if (input == null || input.isBlank()) {
			this.audit.record(
					AuditRecord.of("SIGN_IN", AuditOutcome.FAILURE).details("second factor missing").asActor(actor));
			return false;
		}
		String how;
		boolean accepted;
		if (OneTimeCodes.looksLikeCode(input)) {
			how = "with the code from the app";
			OptionalLong step = OneTimeCodes.acceptedStep(
					this.secrets.decrypt(stored.get().secretEncrypted(), owner(principal)), input, now.getEpochSecond(),
					stored.get().lastUsedStep());
			accepted = step.isPresent()
					&& this.factors.useStep(principal.clinicId(), principal.staffId(), step.getAsLong());
		}
		else {
			how = "with a recovery code";
			accepted = this.factors.useRecoveryCode(principal.clinicId(), principal.staffId(),
					RecoveryCodes.hash(input), now);
			if (accepted) {
				this.audit.record(AuditRecord.success("RECOVERY_CODE_USED")
					.target("staff", principal.staffId())
					.details(this.factors.unusedRecoveryCodes(principal.clinicId(), principal.staffId())
							+ " recovery codes left")
					.asActor(actor));
			}
		}
		if (!accepted) {
			Optional<Instant> locked = this.staff.recordFailure(principal.clinicId(), principal.staffId(),
					this.security.maxFailedAttempts(), now.plus(this.security.lockoutDuration()));
			this.audit
				.record(AuditRecord.of("SIGN_IN", AuditOutcome.FAILURE).details("wrong second factor").asActor(actor));
			locked.ifPresent((until) -> this.audit.record(AuditRecord.of("ACCOUNT_LOCKED", AuditOutcome.SUCCESS)
				.target("staff", principal.staffId())
				.details("after " + this.security.maxFailedAttempts() + " failed sign-ins, until " + until)
				.asActor(actor)));
			return false;
		}
		this.staff.recordSuccess(principal.clinicId(), principal.staffId());
		this.audit.record(AuditRecord.success("SIGN_IN").details(how).asActor(actor));
		return true;
	}

	/** Who in the clinic uses two-step sign-in, for the staff list. */
	Set<UUID> enrolledIn(UUID clinicId) {
		return this.factors.confirmedIn(clinicId);
	}

	/** What the administrator sees of one staff member. */
	MemberView forMember(StaffMember member) {
		boolean enrolled = this.factors.find(member.clinicId(), member.id())
			.map(SecondFactorRepository.StoredFactor::confirmed)
			.orElse(false);
		return new MemberView(enrolled, this.properties.requiredFor(member.roles()),
				this.factors.requiredForPerson(member.clinicId(), member.id()));
	}

	/**
	 * For a lost phone: removes the person's second factor and ends their sessions and
	 * tokens, so that they sign in with the password alone (and enrol again if required).
	 */
	@Transactional
	void reset(StaffPrincipal by, UUID staffId, int expectedVersion) {
		StaffMember member = member(by, staffId);
		bump(by, staffId, expectedVersion);
		this.factors.delete(by.clinicId(), staffId);
		this.directory.endSessionsAndTokens(by.clinicId(), staffId, member.username(), null);
		this.audit.record(by,
				AuditRecord.success("SECOND_FACTOR_RESET").target("staff", staffId).details(member.username()));
	}

	/** The administrator requires (or stops requiring) two-step sign-in of one person. */
	@Transactional
	void requireForPerson(StaffPrincipal by, UUID staffId, boolean required, int expectedVersion) {
		StaffMember member = member(by, staffId);
		bump(by, staffId, expectedVersion);
		this.factors.setRequiredForPerson(by.clinicId(), staffId, required);
		this.audit.record(by,
				AuditRecord.success("SECOND_FACTOR_REQUIREMENT_CHANGED")
					.target("staff", staffId)
					.details(member.username() + (required ? ": required" : ": not required for the person")));
	}

	private StaffMember member(StaffPrincipal by, UUID staffId) {
		return this.directory.get(by.clinicId(), staffId);
	}

	private void bump(StaffPrincipal by, UUID staffId, int expectedVersion) {
		this.directory.bump(by, staffId, expectedVersion);
	}

	private static Setup setup(StaffPrincipal me, String secret) {
		QrData data = new QrData.Builder().label(me.username())
			.secret(secret)
			.issuer(ISSUER)
			.algorithm(HashingAlgorithm.SHA1)
			.digits(OneTimeCodes.DIGITS)
			.period(OneTimeCodes.PERIOD_SECONDS)
			.build();
		ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
		generator.setImageSize(240);
		try {
			return new Setup(secret.replaceAll("(.{4})(?!$)", "$1 "),
					Utils.getDataUriForImage(generator.generate(data), generator.getImageMimeType()));
		}
		catch (QrGenerationException ex) {
			throw new IllegalStateException("The QR code for two-step sign-in could not be drawn", ex);
		}
	}

	/** Binds an encrypted secret to its owner. */
	private static String owner(StaffPrincipal principal) {
		return principal.clinicId() + "/" + principal.staffId();
	}

	/**
	 * @param secretGroups the secret in groups of four, for typing into the app
	 * @param qrCode the {@code otpauth://} QR code as a {@code data:} image
	 */
	record Setup(String secretGroups, String qrCode) {
	}

	record Overview(boolean enrolled, boolean required, Setup setup, int recoveryCodesLeft) {
	}

	record MemberView(boolean enrolled, boolean requiredByRole, boolean requiredForPerson) {
	}

}
