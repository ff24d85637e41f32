package org.ketacare.platform;

/**
 * The input is well formed but breaks a clinical or record-keeping rule, such as a
 * witness who is the actor. Shown as 422 with the rule in words; nothing has been
 * changed.
 */
public class RuleViolationException extends RuntimeException {

	public RuleViolationException(String message) {
		super(message);
	}

}
