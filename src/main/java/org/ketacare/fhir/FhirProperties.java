package org.ketacare.fhir;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The installation's settings for the FHIR API.
 *
 * @param exportRetention how long the files of a bulk export stay for download; they are
 * copies of clinical records, deleted when this has passed
 * @param exportStaleAfter a running export that has not moved on for this long lost the
 * node that ran it, and is failed; a job still waiting in a live node's queue is not
 * stale (the node's sweep, every few minutes, says it is still there)
 * @param exportThreads how many bulk exports one node writes at a time, on threads of
 * their own so that exports never hold up the application's other background work
 * @param exportQueue how many more exports one node accepts to start when its threads are
 * free; beyond that a kick-off is answered 429 with {@code Retry-After}
 */
@ConfigurationProperties("ketacare.fhir")
public record FhirProperties(@DefaultValue("PT24H") Duration exportRetention,
		@DefaultValue("PT10M") Duration exportStaleAfter, @DefaultValue("2") int exportThreads,
		@DefaultValue("20") int exportQueue) {

	public FhirProperties {
		if (exportThreads < 1) {
			throw new IllegalArgumentException("ketacare.fhir.export-threads must be at least 1");
		}
		if (exportQueue < 0) {
			throw new IllegalArgumentException("ketacare.fhir.export-queue must not be negative");
		}
	}

}
