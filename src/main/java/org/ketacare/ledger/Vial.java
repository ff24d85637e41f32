package org.ketacare.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One tracked container of ketamine, where it is kept and what it holds now.
 */
public record Vial(UUID id, UUID productId, String productName, String ndc, BigDecimal concentrationMgPerMl,
		BigDecimal containerMl, String form, UUID receiptId, int containerNo, String lot, LocalDate expiry,
		UUID locationId, String locationName, VialStatus status, BigDecimal balanceMg, BigDecimal balanceMl,
		int entryCount, int version) {

	/** How people tell vials apart: lot and container number, such as "lot K2301 #3". */
	public String label() {
		return "lot " + this.lot + " #" + this.containerNo;
	}

	/** "Ketamine 50 mg/mL, 10 mL": the finished form and container size. */
	public String strength() {
		return Quantities.plain(this.concentrationMgPerMl) + " mg/mL, " + Quantities.ml(this.containerMl);
	}

	public boolean isExpiredOn(LocalDate day) {
		return this.expiry.isBefore(day);
	}

}
