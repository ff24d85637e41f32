package org.ketacare.course;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A patient's treatment course.
 *
 * @param protocol the protocol's numbers as they were when the course was planned
 * @param statusReason why it was discontinued, or {@code null}
 * @param screeningId the approved screening the course started on
 */
public record Course(UUID id, UUID clinicId, UUID patientId, Protocol protocol, LocalDate startDate,
		CourseStatus status, String statusReason, UUID screeningId, Instant createdAt, int version) {
}
