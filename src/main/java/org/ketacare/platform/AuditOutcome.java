package org.ketacare.platform;

/** How an audited action ended. */
public enum AuditOutcome {

	SUCCESS, FAILURE, DENIED

}
