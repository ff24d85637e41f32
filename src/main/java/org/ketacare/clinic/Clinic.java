package org.ketacare.clinic;

import java.time.ZoneId;
import java.util.UUID;

/**
 * One clinic of the network, the unit every record belongs to.
 *
 * @param id the tenant key carried by every clinical row
 * @param slug the short name used in sign-in names and URLs, such as {@code main}
 * @param name the name shown to people
 * @param timeZone the zone in which the clinic's times are shown
 */
public record Clinic(UUID id, String slug, String name, ZoneId timeZone) {
}
