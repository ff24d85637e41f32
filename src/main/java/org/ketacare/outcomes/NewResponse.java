package org.ketacare.outcomes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Answers a staff member records, from a page or the API.
 *
 * @param instrument the instrument's code, such as {@code PHQ-9}
 * @param answers one per item in order; {@code null} for an item not answered
 * @param timePoint such as {@code baseline} or {@code pre-infusion-2}
 * @param answeredBy {@code patient} when the patient answered (on paper or a clinic
 * tablet) and staff enter it, {@code staff} when a clinician rated; {@code null} takes
 * the instrument's respondent
 * @param answeredAt when the answers were given, if earlier than now (a late entry);
 * {@code null} for now
 * @param corrects the response these answers correct, or {@code null}
 * @param correctionReason why, when correcting
 */
public record NewResponse(String instrument, List<Integer> answers, String timePoint, String answeredBy,
		Instant answeredAt, UUID corrects, String correctionReason) {
}
