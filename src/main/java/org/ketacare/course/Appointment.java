package org.ketacare.course;

import java.time.Instant;
import java.util.UUID;

/**
 * A visit in the calendar.
 *
 * @param phase the protocol phase ({@code induction}, {@code booster}, ...) or
 * {@code follow-up}
 * @param number its place in the phase, from 1
 * @param statusReason why it was cancelled, or {@code null}
 */
public record Appointment(UUID id, UUID clinicId, UUID courseId, UUID patientId, VisitKind kind, String phase,
		int number, UUID roomId, String roomName, Instant start, Instant end, AppointmentStatus status,
		String statusReason, int version) {

	Appointment named(String name) {
		return new Appointment(this.id, this.clinicId, this.courseId, this.patientId, this.kind, this.phase,
				this.number, this.roomId, name, this.start, this.end, this.status, this.statusReason, this.version);
	}

	Booking asBooking() {
		return new Booking(this.roomId, this.start, this.end, this.kind == VisitKind.INFUSION, this.patientId);
	}

}
