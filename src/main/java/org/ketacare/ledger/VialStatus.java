package org.ketacare.ledger;

/**
 * Where a vial stands. Only a vial in stock and within its expiry date can be drawn from.
 */
public enum VialStatus {

	IN_STOCK, QUARANTINED, EMPTY, DESTROYED, RETURNED;

	/**
	 * Whether the vial is still physically held by the clinic and so counted and
	 * inventoried.
	 */
	public boolean onHand() {
		return this == IN_STOCK || this == QUARANTINED;
	}

	public String label() {
		return switch (this) {
			case IN_STOCK -> "In stock";
			case QUARANTINED -> "Quarantined";
			case EMPTY -> "Empty";
			case DESTROYED -> "Destroyed";
			case RETURNED -> "Returned";
		};
	}

}
