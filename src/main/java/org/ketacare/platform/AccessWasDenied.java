package org.ketacare.platform;

/**
 * A signed-in staff member asked for something their role does not allow. Published so
 * that the audit trail records every denial.
 *
 * @param request the method and path that was refused
 */
public record AccessWasDenied(String request) {
}
