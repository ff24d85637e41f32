package org.ketacare.platform;

/**
 * Where every module writes what staff did with clinic and patient data. A record is
 * written in the caller's transaction: if it cannot be written, the caller's change fails
 * too, so nothing happens unaudited.
 */
public interface AuditLog {

	void record(AuditRecord record);

	/**
	 * Records what {@code actor} did, for services that are handed the acting staff
	 * member.
	 */
	default void record(StaffPrincipal actor, AuditRecord record) {
		record(record.asActor(AuditRecord.Actor.of(actor)));
	}

}
