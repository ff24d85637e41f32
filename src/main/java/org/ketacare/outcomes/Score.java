package org.ketacare.outcomes;

import java.util.List;

/**
 * What a set of answers to an instrument comes to.
 *
 * @param total the total, or {@code null} when the answers are incomplete (and the
 * instrument allows no estimate) or the instrument forms no total
 * @param severity the severity band or risk level of a complete (or prorated) set of
 * answers, or {@code null}
 * @param complete whether every item that was asked is answered
 * @param prorated whether the total is estimated from incomplete answers, as the
 * definition allows
 * @param flags the codes of the safety rules the answers meet; evaluated on every answer
 * given, complete or not
 */
public record Score(Integer total, String severity, boolean complete, boolean prorated, List<String> flags) {

	public Score {
		flags = List.copyOf(flags);
	}

	public boolean isScored() {
		return this.total != null;
	}

}
