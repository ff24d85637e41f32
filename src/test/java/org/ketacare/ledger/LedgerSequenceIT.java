package org.ketacare.ledger;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;
import org.quicktheories.core.Gen;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Random sequences of draws, administrations and waste replayed against the database:
 * after each sequence the vial's balance is the sum of its entries, never negative, and
 * every draw is within what was drawn.
 */
@KetaCareIntegrationTest
class LedgerSequenceIT {

	@Autowired
	Ledger ledger;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theBalanceIsAlwaysTheSumOfTheEntriesAndNeverNegative() {
		StaffPrincipal admin = this.staff.demo("admin.main");
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		StaffPrincipal witness = this.staff.create("main", Role.PHYSICIAN);
		// Quantities in twentieths of a milligram: a thousandth of a millilitre at 50
		// mg/mL,
		// so that balances stay exact in both units.
		Gen<int[]> step = integers().between(0, 3)
			.zip(integers().between(1, 4000), (kind, twentieths) -> new int[] { kind, twentieths });
		qt().withExamples(12).forAll(lists().of(step).ofSizeBetween(1, 25)).checkAssert((steps) -> {
			Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
			UUID visit = UUID.randomUUID();
			Draw lastDraw = null;
			for (int[] s : steps) {
				BigDecimal mg = BigDecimal.valueOf(s[1]).divide(BigDecimal.valueOf(20));
				try {
					switch (s[0]) {
						case 0 -> lastDraw = this.ledger.draw(nurse,
								new NewDraw(vial.id(), visit, UUID.randomUUID(), mg, null));
						case 1 -> {
							if (lastDraw != null) {
								this.ledger.recordAdministered(nurse, lastDraw.id(), null, mg, null);
							}
						}
						case 2 -> {
							if (lastDraw != null) {
								this.ledger.waste(nurse, new NewWaste(lastDraw.id(), null, mg, "waste container",
										witness.username(), TestStaff.PASSWORD, null));
							}
						}
						default -> this.ledger.waste(nurse, new NewWaste(null, vial.id(), mg, "broken vial",
								witness.username(), TestStaff.PASSWORD, null));
					}
				}
				catch (ConflictException refused) {
					// Over the balance or over what is left in the draw: nothing is
					// written.
				}
				assertConsistent(admin, vial.id());
			}
		});
	}

	private void assertConsistent(StaffPrincipal admin, UUID vialId) {
		List<LedgerEntry> entries = this.ledger.vialHistory(admin, vialId).entries();
		BigDecimal sum = entries.stream().map(LedgerEntry::balanceChangeMg).reduce(BigDecimal.ZERO, BigDecimal::add);
		Vial vial = this.ledger.vial(admin.clinicId(), vialId);
		assertThat(vial.balanceMg()).isEqualByComparingTo(sum);
		assertThat(vial.balanceMg().signum()).isNotNegative();
		assertThat(entries).allSatisfy((entry) -> assertThat(entry.balanceAfterMg().signum()).isNotNegative());
		assertThat(this.jdbc
			.sql("""
					SELECT count(*) FROM ledger_draws d
					 WHERE d.clinic_id = ? AND d.vial_id = ?
					   AND (d.administered_mg + d.wasted_mg > d.drawn_mg
					        OR d.administered_mg <> (SELECT coalesce(sum(e.quantity_mg), 0) FROM ledger_entries e
					                                  WHERE e.clinic_id = d.clinic_id AND e.draw_id = d.id AND e.entry_type = 'ADMINISTERED')
					        OR d.wasted_mg <> (SELECT coalesce(sum(e.quantity_mg), 0) FROM ledger_entries e
					                            WHERE e.clinic_id = d.clinic_id AND e.draw_id = d.id AND e.entry_type = 'WASTE'))
					""")
			.params(admin.clinicId(), vialId)
			.query(Long.class)
			.single()).isZero();
	}

}
