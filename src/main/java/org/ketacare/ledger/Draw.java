package org.ketacare.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Ketamine drawn from one vial into a syringe or bag for one visit, and how much of it
 * has been given and wasted.
 */
public record Draw(UUID id, UUID vialId, String vialLabel, UUID visitId, UUID patientId, BigDecimal drawnMg,
		BigDecimal drawnMl, BigDecimal administeredMg, BigDecimal wastedMg, UUID drawnBy, String drawnByName,
		Instant drawnAt) {

	/** What is still in the syringe: neither given nor wasted. */
	public BigDecimal remainingMg() {
		return this.drawnMg.subtract(this.administeredMg).subtract(this.wastedMg);
	}

}
