package org.ketacare.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * The balance rules of a vial, table-driven for each rule and property-based over random
 * sequences of entries.
 */
class LedgerRulesTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

	private static final EntryType[] OPERATIONS = { EntryType.DRAW, EntryType.WASTE, EntryType.ADMINISTERED,
			EntryType.TRANSFER, EntryType.ADJUSTMENT, EntryType.LOSS, EntryType.DESTRUCTION, EntryType.RETURN };

	@ParameterizedTest(name = "{0} {1} mg from a vial of {2} mg, {3}, expiring {4}: accepted={5}")
	@CsvSource({ "DRAW, -50, 500, IN_STOCK, 2026-03-02, true, 450, IN_STOCK",
			"DRAW, -500, 500, IN_STOCK, 2027-01-01, true, 0, EMPTY",
			"DRAW, -500.001, 500, IN_STOCK, 2027-01-01, false, ,", "DRAW, -10, 500, IN_STOCK, 2026-03-01, false, ,",
			"DRAW, -10, 500, QUARANTINED, 2027-01-01, false, ,", "DRAW, -10, 0, EMPTY, 2027-01-01, false, ,",
			"WASTE, -10, 500, QUARANTINED, 2026-01-01, true, 490, QUARANTINED",
			"WASTE, 0, 0, EMPTY, 2027-01-01, true, 0, EMPTY",
			"ADMINISTERED, 0, 0, DESTROYED, 2027-01-01, true, 0, DESTROYED",
			"TRANSFER, 0, 500, QUARANTINED, 2027-01-01, true, 500, QUARANTINED",
			"TRANSFER, 0, 0, EMPTY, 2027-01-01, false, ,", "ADJUSTMENT, 5, 0, EMPTY, 2027-01-01, true, 5, IN_STOCK",
			"ADJUSTMENT, -6, 5, IN_STOCK, 2027-01-01, false, ,", "LOSS, -5, 5, IN_STOCK, 2027-01-01, true, 0, EMPTY",
			"DESTRUCTION, -200, 200, QUARANTINED, 2026-01-01, true, 0, DESTROYED",
			"DESTRUCTION, -100, 200, IN_STOCK, 2027-01-01, false, ,",
			"RETURN, -200, 200, IN_STOCK, 2027-01-01, true, 0, RETURNED",
			"DRAW, -1, 200, RETURNED, 2027-01-01, false, ," })
	void eachRuleDecidesAsTheRecordRulesSay(EntryType type, BigDecimal change, BigDecimal balance, VialStatus status,
			LocalDate expiry, boolean accepted, BigDecimal balanceAfter, VialStatus statusAfter) {
		LedgerRules.Decision decision = LedgerRules.decide(new LedgerRules.VialState(balance, status, expiry, 1), type,
				change, TODAY);
		assertThat(decision.isAccepted()).as(decision.refusal()).isEqualTo(accepted);
		if (accepted) {
			assertThat(decision.balanceAfterMg()).isEqualByComparingTo(balanceAfter);
			assertThat(decision.statusAfter()).isEqualTo(statusAfter);
		}
	}

	@Test
	void anOverdrawIsRefusedNamingTheBalance() {
		LedgerRules.Decision decision = LedgerRules.decide(vial("40"), EntryType.DRAW, new BigDecimal("-50"), TODAY);
		assertThat(decision.refusal()).isEqualTo("holds 40 mg; 50 mg cannot be drawn");
	}

	@Test
	void aReceiptOpensAVialOnlyOnce() {
		assertThat(LedgerRules
			.decide(new LedgerRules.VialState(BigDecimal.ZERO, VialStatus.IN_STOCK, TODAY, 0), EntryType.RECEIPT,
					new BigDecimal("500"), TODAY)
			.isAccepted()).isTrue();
		assertThat(LedgerRules.decide(vial("500"), EntryType.RECEIPT, new BigDecimal("500"), TODAY).isAccepted())
			.isFalse();
	}

	@Test
	void anEntryThatMovesTheBalanceTheWrongWayIsAProgrammingError() {
		assertThatThrownBy(() -> LedgerRules.decide(vial("500"), EntryType.DRAW, new BigDecimal("50"), TODAY))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> LedgerRules.decide(vial("500"), EntryType.ADMINISTERED, new BigDecimal("-1"), TODAY))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aDrawIsNeverGivenOrWastedBeyondWhatWasDrawn() {
		LedgerRules.DrawAccount account = new LedgerRules.DrawAccount(new BigDecimal("40"), new BigDecimal("36.5"),
				BigDecimal.ZERO);
		assertThat(account.refusal(new BigDecimal("3.5"), EntryType.WASTE)).isNull();
		assertThat(account.refusal(new BigDecimal("3.6"), EntryType.ADMINISTERED))
			.isEqualTo("has 3.5 mg left of 40 mg drawn; 3.6 mg cannot be given from it");
		assertThat(account.with(EntryType.WASTE, new BigDecimal("3.5")).isBalanced()).isTrue();
	}

	@Test
	void overAnySequenceOfEntriesTheBalanceIsTheSumOfTheEntriesAndNeverNegative() {
		Gen<Operation> operation = integers().between(0, OPERATIONS.length - 1)
			.zip(integers().between(-300_000, 300_000),
					(kind, thousandths) -> new Operation(OPERATIONS[kind], BigDecimal.valueOf(thousandths, 3)));
		qt().withExamples(2000)
			.forAll(integers().between(1, 1_000_000), lists().of(operation).ofSizeBetween(0, 60))
			.checkAssert((receivedThousandths, operations) -> {
				BigDecimal received = BigDecimal.valueOf(receivedThousandths, 3);
				LedgerRules.Decision opened = LedgerRules.decide(
						new LedgerRules.VialState(BigDecimal.ZERO, VialStatus.IN_STOCK, TODAY.plusYears(1), 0),
						EntryType.RECEIPT, received, TODAY);
				List<BigDecimal> changes = new ArrayList<>(List.of(received));
				LedgerRules.VialState vial = new LedgerRules.VialState(opened.balanceAfterMg(), opened.statusAfter(),
						TODAY.plusYears(1), 1);
				for (Operation op : operations) {
					BigDecimal change = op.changeFor(vial);
					LedgerRules.Decision decision = LedgerRules.decide(vial, op.type(), change, TODAY);
					boolean wouldGoNegative = vial.balanceMg().add(change).signum() < 0;
					if (wouldGoNegative) {
						assertThat(decision.isAccepted()).isFalse();
					}
					if (decision.isAccepted()) {
						changes.add(change);
						vial = new LedgerRules.VialState(decision.balanceAfterMg(), decision.statusAfter(),
								vial.expiry(), vial.entryCount() + 1);
					}
					BigDecimal sum = changes.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
					assertThat(vial.balanceMg()).isEqualByComparingTo(sum);
					assertThat(vial.balanceMg().signum()).isNotNegative();
					assertThat(vial.status() == VialStatus.EMPTY).isEqualTo(vial.balanceMg().signum() == 0
							&& vial.status() != VialStatus.DESTROYED && vial.status() != VialStatus.RETURNED);
				}
			});
	}

	private static LedgerRules.VialState vial(String balance) {
		return new LedgerRules.VialState(new BigDecimal(balance), VialStatus.IN_STOCK, TODAY.plusYears(1), 1);
	}

	/** A random entry: the amount's sign is fitted to what the type allows. */
	private record Operation(EntryType type, BigDecimal amount) {

		BigDecimal changeFor(LedgerRules.VialState vial) {
			return switch (this.type) {
				case ADMINISTERED, TRANSFER -> BigDecimal.ZERO;
				case ADJUSTMENT -> (this.amount.signum() == 0) ? BigDecimal.ONE : this.amount;
				case DESTRUCTION, RETURN -> (this.amount.signum() > 0 || vial.balanceMg().signum() == 0)
						? this.amount.abs().negate().subtract(BigDecimal.ONE) : vial.balanceMg().negate();
				default -> this.amount.abs().negate().subtract(new BigDecimal("0.001"));
			};
		}

	}

}
