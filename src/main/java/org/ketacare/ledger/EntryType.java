package org.ketacare.ledger;

/**
 * The kinds of ledger entry. There is deliberately no "dispensed": the clinic gives
 * ketamine only in its own rooms and never hands a dose to a patient to take home.
 */
public enum EntryType {

	/** Containers arrived from a supplier; the vial's opening balance. */
	RECEIPT,
	/** Drawn from the vial into a syringe or bag for one visit. */
	DRAW,
	/** Given to the patient from a draw, as the visit's infusion record says. */
	ADMINISTERED,
	/**
	 * Destroyed in-house with a witness: the remainder of a draw, or of a vial (including
	 * breakage).
	 */
	WASTE,
	/** Moved between two locked locations. */
	TRANSFER,
	/**
	 * The recorded balance corrected after a count, signed by a clinic administrator with
	 * a reason.
	 */
	ADJUSTMENT,
	/**
	 * Stock never assigned to a patient destroyed on site with two witnesses (DEA Form
	 * 41).
	 */
	DESTRUCTION,
	/** Stock sent back to a reverse distributor. */
	RETURN,
	/** Stock missing after a count, recorded as a loss or theft. */
	LOSS;

	/** How the entry is named in reports and pages. */
	public String label() {
		return switch (this) {
			case RECEIPT -> "Receipt";
			case DRAW -> "Draw";
			case ADMINISTERED -> "Administered";
			case WASTE -> "Waste";
			case TRANSFER -> "Transfer";
			case ADJUSTMENT -> "Adjustment";
			case DESTRUCTION -> "Destruction";
			case RETURN -> "Return to distributor";
			case LOSS -> "Loss or theft";
		};
	}

}
