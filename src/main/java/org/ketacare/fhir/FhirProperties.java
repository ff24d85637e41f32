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
 * node that ran it, and is failed
 */
@ConfigurationProperties("ketacare.fhir")
public record FhirProperties(@DefaultValue("PT24H") Duration exportRetention,
		@DefaultValue("PT10M") Duration exportStaleAfter) {
}
