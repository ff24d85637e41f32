package org.ketacare.ledger;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Drug destroyed in-house in front of a witness: the remainder of a draw ({@code drawId})
 * or drug in a vial ({@code vialId}, such as an opened single-use vial or breakage).
 * Exactly one of the two is given.
 *
 * @param method how it was made unrecoverable, such as "expelled into a drug waste
 * container"
 */
public record NewWaste(UUID drawId, UUID vialId, BigDecimal mg, String method, String witnessUsername,
		String witnessPassword, String idempotencyKey) {
}
