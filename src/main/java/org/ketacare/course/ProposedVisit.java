package org.ketacare.course;

import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * One visit of a proposal, in the clinic's zone.
 *
 * @param phase the protocol phase, such as {@code induction}, or {@code follow-up}
 * @param number its place in the phase, from 1
 */
public record ProposedVisit(VisitKind kind, String phase, int number, ZonedDateTime start, ZonedDateTime end,
		UUID roomId) {
}
