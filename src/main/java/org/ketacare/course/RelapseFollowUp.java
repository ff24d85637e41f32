package org.ketacare.course;

import java.time.Instant;
import java.util.UUID;

/**
 * A relapse the outcomes module detected after the patient's course ended, waiting for a
 * physician: to plan a new course, or to acknowledge it.
 *
 * @param patientName the patient's name, for the physician to act on
 * @param finding the score change, such as "PHQ-9 back to 18 (baseline 20), 45 days after
 * the response"
 * @param detectedAt when the relapse was recorded
 */
public record RelapseFollowUp(UUID patientId, String patientName, String mrn, String finding, Instant detectedAt) {
}
