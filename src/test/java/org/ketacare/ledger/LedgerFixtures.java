package org.ketacare.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.ketacare.platform.StaffPrincipal;

/**
 * Small named ways to put stock into a clinic for a test. Each receipt uses a product of
 * its own so that tests do not share balances.
 */
final class LedgerFixtures {

	/** A valid DEA number (check digit 3). */
	static final String SUPPLIER_DEA = "PB1234563";

	private LedgerFixtures() {
	}

	/** {@code count} vials of 10 mL at 50 mg/mL (500 mg each), expiring in a year. */
	static List<Vial> vialsOf500Mg(Ledger ledger, StaffPrincipal admin, int count) {
		LocalDate today = ledger.today(admin);
		return receive(ledger, admin, today, today.plusYears(1), count);
	}

	static Vial vialOf500Mg(Ledger ledger, StaffPrincipal admin) {
		return vialsOf500Mg(ledger, admin, 1).get(0);
	}

	/** A vial received a month ago that expired yesterday. */
	static Vial expiredVial(Ledger ledger, StaffPrincipal admin) {
		LocalDate today = ledger.today(admin);
		return receive(ledger, admin, today.minusDays(30), today.minusDays(1), 1).get(0);
	}

	static List<Vial> receive(Ledger ledger, StaffPrincipal admin, LocalDate receivedOn, LocalDate expiry, int count) {
		List<NewReceipt.Container> containers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			containers.add(new NewReceipt.Container("L" + i, expiry));
		}
		return ledger.receive(admin, new NewReceipt("Acme Drug Distribution", "1 Depot Road, Newark NJ", SUPPLIER_DEA,
				"INV-" + UUID.randomUUID(), receivedOn,
				new NewReceipt.Product("Ketamine HCl", uniqueNdc(), new BigDecimal("50"), new BigDecimal("10"), null),
				containers, "Main safe"));
	}

	static String uniqueNdc() {
		String digits = String.format("%010d",
				Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000_000L));
		return digits.substring(0, 5) + "-" + digits.substring(5, 8) + "-" + digits.substring(8, 10);
	}

	static BigDecimal mg(String value) {
		return new BigDecimal(value);
	}

}
