package org.ketacare.platform;

/**
 * The thing asked for does not exist in the caller's clinic. Shown as 404, never as "it
 * exists elsewhere".
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what) {
		super(what + " was not found");
	}

}
