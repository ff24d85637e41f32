package org.ketacare.outcomes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A patient's responses on some instruments that no correction replaced, newest first,
 * loaded once so that another module can ask for several times (such as one per infusion
 * visit) without reading them again.
 */
public record CurrentResponses(List<ResponseRecord> newestFirst) {

	public CurrentResponses {
		newestFirst = List.copyOf(newestFirst);
	}

	/** The newest response on the instrument answered at or after {@code since}. */
	public Optional<ResponseRecord> latestSince(String instrument, Instant since) {
		return this.newestFirst.stream()
			.filter((response) -> response.instrument().equals(instrument) && !response.answeredAt().isBefore(since))
			.findFirst();
	}

}
