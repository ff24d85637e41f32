package org.ketacare.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The balance rules of one vial, as plain functions: whether an entry may be written and
 * what it leaves. No Spring, no database: {@link VialBalances} applies them under a row
 * lock, and tests run them over random sequences.
 */
final class LedgerRules {

	private LedgerRules() {
	}

	/**
	 * A vial as the rules see it.
	 *
	 * @param entryCount how many entries the vial has; a receipt must be its first
	 */
	record VialState(BigDecimal balanceMg, VialStatus status, LocalDate expiry, int entryCount) {
	}

	/**
	 * The answer of the rules: the balance and status an entry leaves, or why it may not
	 * be written.
	 *
	 * @param refusal why the entry is refused, in words that follow the vial's name;
	 * {@code null} when accepted
	 */
	record Decision(BigDecimal balanceAfterMg, VialStatus statusAfter, String refusal) {

		static Decision accepted(BigDecimal balanceAfterMg, VialStatus statusAfter) {
			return new Decision(balanceAfterMg, statusAfter, null);
		}

		static Decision refused(String refusal) {
			return new Decision(null, null, refusal);
		}

		boolean isAccepted() {
			return this.refusal == null;
		}

	}

	/**
	 * Decides an entry of {@code type} that changes the vial's balance by
	 * {@code changeMg} (negative when drug leaves the vial, zero for entries that only
	 * record where drawn drug went or where the vial is).
	 * @throws IllegalArgumentException when the change has the wrong sign for the type: a
	 * programming error
	 */
	static Decision decide(VialState vial, EntryType type, BigDecimal changeMg, LocalDate today) {
		requireDirection(type, changeMg);
		if (type == EntryType.RECEIPT) {
			return (vial.entryCount() == 0) ? Decision.accepted(changeMg, VialStatus.IN_STOCK)
					: Decision.refused("was already received");
		}
		if (vial.status() == VialStatus.DESTROYED || vial.status() == VialStatus.RETURNED) {
			if (changeMg.signum() == 0 && type != EntryType.TRANSFER) {
				// Drug drawn before the vial left still has to be accounted for.
				return Decision.accepted(vial.balanceMg(), vial.status());
			}
			return Decision.refused("was " + vial.status().label().toLowerCase() + "; nothing more is recorded on it");
		}
		if (type == EntryType.DRAW) {
			if (vial.status() == VialStatus.QUARANTINED) {
				return Decision.refused("is quarantined and cannot be drawn from");
			}
			if (vial.expiry().isBefore(today)) {
				return Decision.refused("expired on " + vial.expiry() + " and cannot be drawn from");
			}
		}
		if (type == EntryType.TRANSFER && !vial.status().onHand()) {
			return Decision.refused("is empty; there is nothing to move");
		}
		if ((type == EntryType.DESTRUCTION || type == EntryType.RETURN)
				&& changeMg.negate().compareTo(vial.balanceMg()) != 0) {
			return Decision.refused("holds " + Quantities.mg(vial.balanceMg()) + "; " + type.label().toLowerCase()
					+ " takes the whole remaining balance");
		}
		BigDecimal after = vial.balanceMg().add(changeMg);
		if (after.signum() < 0) {
			return Decision.refused("holds " + Quantities.mg(vial.balanceMg()) + "; " + Quantities.mg(changeMg.negate())
					+ " cannot be " + verb(type));
		}
		return Decision.accepted(after, statusAfter(vial.status(), type, after));
	}

	private static VialStatus statusAfter(VialStatus before, EntryType type, BigDecimal after) {
		if (type == EntryType.DESTRUCTION) {
			return VialStatus.DESTROYED;
		}
		if (type == EntryType.RETURN) {
			return VialStatus.RETURNED;
		}
		if (after.signum() == 0) {
			return VialStatus.EMPTY;
		}
		return (before == VialStatus.EMPTY) ? VialStatus.IN_STOCK : before;
	}

	private static void requireDirection(EntryType type, BigDecimal changeMg) {
		boolean fits = switch (type) {
			case RECEIPT -> changeMg.signum() > 0;
			case DRAW, DESTRUCTION, RETURN, LOSS -> changeMg.signum() < 0;
			case ADMINISTERED, TRANSFER -> changeMg.signum() == 0;
			case WASTE -> changeMg.signum() <= 0;
			case ADJUSTMENT -> changeMg.signum() != 0;
		};
		if (!fits) {
			throw new IllegalArgumentException(type + " cannot change a balance by " + changeMg);
		}
	}

	private static String verb(EntryType type) {
		return switch (type) {
			case DRAW -> "drawn";
			case WASTE -> "wasted";
			case LOSS -> "recorded as lost";
			default -> "taken out";
		};
	}

	/**
	 * What became of one draw: drawn = administered + wasted + still in the syringe. A
	 * visit closes only when nothing is left in any syringe.
	 */
	record DrawAccount(BigDecimal drawnMg, BigDecimal administeredMg, BigDecimal wastedMg) {

		BigDecimal remainingMg() {
			return this.drawnMg.subtract(this.administeredMg).subtract(this.wastedMg);
		}

		boolean isBalanced() {
			return remainingMg().signum() == 0;
		}

		/**
		 * Why {@code mg} more cannot be given or wasted from this draw, or {@code null}
		 * when it can.
		 */
		String refusal(BigDecimal mg, EntryType type) {
			if (mg.compareTo(remainingMg()) > 0) {
				return "has " + Quantities.mg(remainingMg()) + " left of " + Quantities.mg(this.drawnMg) + " drawn; "
						+ Quantities.mg(mg) + " cannot be " + ((type == EntryType.WASTE) ? "wasted" : "given")
						+ " from it";
			}
			return null;
		}

		DrawAccount with(EntryType type, BigDecimal mg) {
			return (type == EntryType.WASTE) ? new DrawAccount(this.drawnMg, this.administeredMg, this.wastedMg.add(mg))
					: new DrawAccount(this.drawnMg, this.administeredMg.add(mg), this.wastedMg);
		}

	}

}
