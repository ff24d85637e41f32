package org.ketacare.ledger;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The ketamine of one visit: every draw for it, and whether the visit is closed, which it
 * can be only when drawn = administered + wasted.
 */
public record VisitAccount(UUID visitId, List<Draw> draws, boolean closed) {

	public BigDecimal drawnMg() {
		return this.draws.stream().map(Draw::drawnMg).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	public BigDecimal administeredMg() {
		return this.draws.stream().map(Draw::administeredMg).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	public BigDecimal wastedMg() {
		return this.draws.stream().map(Draw::wastedMg).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	public boolean isBalanced() {
		return this.drawnMg().compareTo(this.administeredMg().add(this.wastedMg())) == 0;
	}

}
