/**
 * The append-only, hash-chained audit trail: who did what to which record, when, from
 * where, and how it ended. Every module writes to it through
 * {@link org.ketacare.platform.AuditLog}; clinic administrators read and verify it.
 */
package org.ketacare.audit;
