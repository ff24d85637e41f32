package org.ketacare.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One line of the ledger: what happened to one vial, who recorded it, how much, and the
 * balance it left. Never changed once written.
 *
 * @param vialSeq the entry's number within its vial, from 1
 * @param quantityMg how much the entry is about, always positive
 * @param balanceChangeMg what it did to the vial's balance: negative when drug left the
 * vial, zero for entries that record where drawn drug went or where the vial moved
 * @param signatureMeaning the meaning of the recorder's signature, where the entry is
 * signed
 */
public record LedgerEntry(UUID id, UUID vialId, int vialSeq, EntryType type, Instant occurredAt, BigDecimal quantityMg,
		BigDecimal quantityMl, BigDecimal balanceChangeMg, BigDecimal balanceAfterMg, BigDecimal balanceAfterMl,
		UUID recordedBy, String recordedByName, String signatureMeaning, UUID receiptId, UUID drawId, UUID visitId,
		UUID patientId, UUID discrepancyId, UUID fromLocationId, UUID toLocationId, String method, String reason,
		String counterpartyName, String counterpartyDea, UUID witnessId, String witnessName, UUID witness2Id,
		String witness2Name) {
}
