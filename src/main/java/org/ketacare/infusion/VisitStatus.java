package org.ketacare.infusion;

/** Where a visit stands, in order. */
public enum VisitStatus {

	CHECKED_IN("Checked in"), ORDERED("Dose ordered"), PREPARED("IV prepared"), INFUSING("Infusing"), PAUSED("Paused"),
	RECOVERY("Recovery"), DISCHARGED("Discharged"), CLOSED("Signed and closed");

	private final String label;

	VisitStatus(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
