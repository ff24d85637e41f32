package org.ketacare.platform;

/**
 * Where every module writes what staff did with clinic and patient data. A record is written in the caller's
 * transaction: if it cannot be written, the caller's change fails too, so nothing happens unaudited.
 */
public interface AuditLog {

	void record(AuditRecord record);

}
