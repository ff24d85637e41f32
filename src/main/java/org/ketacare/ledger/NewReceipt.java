package org.ketacare.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Containers arrived from a supplier, as typed in or sent: each container becomes a vial.
 *
 * @param location the name of the locked location the containers go into; the clinic's
 * only location, or "Main safe", when empty
 */
public record NewReceipt(String supplierName, String supplierAddress, String supplierDea, String invoice,
		LocalDate receivedOn, Product product, List<Container> containers, String location) {

	/**
	 * The finished form received.
	 *
	 * @param form the dosage form; "injection, solution" when empty
	 */
	public record Product(String name, String ndc, BigDecimal concentrationMgPerMl, BigDecimal containerMl,
			String form) {
	}

	public record Container(String lot, LocalDate expiry) {
	}

}
