package org.ketacare.audit;

import java.io.Serializable;

/**
 * The result of recomputing a clinic's audit chain.
 *
 * @param rowsChecked how many rows were read
 * @param intact whether every row matched
 * @param firstBrokenSeq the sequence number of the first row that does not match, or
 * {@code null}
 * @param problem what is wrong with that row, or {@code null}
 */
public record ChainVerification(long rowsChecked, boolean intact, Long firstBrokenSeq,
		String problem) implements Serializable {

	static ChainVerification ok(long rows) {
		return new ChainVerification(rows, true, null, null);
	}

	static ChainVerification broken(long rows, long seq, String problem) {
		return new ChainVerification(rows, false, seq, problem);
	}

}
