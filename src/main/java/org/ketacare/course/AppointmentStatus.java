package org.ketacare.course;

/** What became of an appointment. */
public enum AppointmentStatus {

	BOOKED("Booked"), ATTENDED("Attended"), CANCELLED("Cancelled"), NO_SHOW("No-show");

	private final String label;

	AppointmentStatus(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	/** Whether it holds its room. */
	public boolean holdsRoom() {
		return this == BOOKED || this == ATTENDED;
	}

}
