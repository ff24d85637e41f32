package org.ketacare.clinic;

import java.util.List;

import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * Someone who gave the right password but has a second step to go: the code from their
 * app, or setting up two-step sign-in. It carries the password factor but no role, so no
 * page guarded by a role lets them in, and {@link SecondStepGate} keeps them on the page
 * of their step.
 */
final class PendingSignIn extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final StaffPrincipal principal;

	private final SecondFactors.Step step;

	PendingSignIn(StaffPrincipal principal, SecondFactors.Step step) {
		super(List.of(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)));
		this.principal = principal;
		this.step = step;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public StaffPrincipal getPrincipal() {
		return this.principal;
	}

	SecondFactors.Step step() {
		return this.step;
	}

	/** The page where the step is taken. */
	String path() {
		return (this.step == SecondFactors.Step.CODE) ? SecondStepGate.CODE_PAGE : SecondStepGate.ENROLMENT_PAGE;
	}

}
