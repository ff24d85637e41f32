package org.ketacare.platform;

/**
 * The request clashes with the record's current state: someone else changed it first, or
 * the record may no longer change. Shown as 409; the caller reloads and decides again.
 */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}
