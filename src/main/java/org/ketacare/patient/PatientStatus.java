package org.ketacare.patient;

/**
 * Where a patient stands with the clinic, from the first call to discharge.
 */
public enum PatientStatus {

	INQUIRY("Inquiry"), SCREENING("Screening"), ELIGIBLE("Eligible"), IN_COURSE("In course"), FOLLOW_UP("Follow-up"),
	DISCHARGED("Discharged"), DECLINED("Declined");

	private final String label;

	PatientStatus(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
