package org.ketacare.ledger;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A draw from a vial for a visit.
 *
 * @param patientId the visit's patient, when known at the draw; otherwise given with the
 * administration
 * @param idempotencyKey the caller's key for this request: a replay with the same key
 * writes nothing new
 */
public record NewDraw(UUID vialId, UUID visitId, UUID patientId, BigDecimal mg, String idempotencyKey) {
}
