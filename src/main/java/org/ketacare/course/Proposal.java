package org.ketacare.course;

import java.util.List;

/** What the proposer found: every visit of the course, or the rule that blocks it. */
public sealed interface Proposal {

	/** The sessions of every phase in order, then the follow-up visit if any. */
	record Found(List<ProposedVisit> visits) implements Proposal {

		public Found {
			visits = List.copyOf(visits);
		}

	}

	/**
	 * No course fits.
	 *
	 * @param constraint the rule whose addition made it impossible
	 * @param phase the phase of the first session that could not be placed
	 * @param number that session's place in its phase
	 * @param explanation the reason in words, with the dates searched
	 */
	record Blocked(BlockingConstraint constraint, String phase, int number, String explanation) implements Proposal {
	}

}
