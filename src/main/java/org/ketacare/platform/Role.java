package org.ketacare.platform;

/**
 * What a staff member may do in their clinic. Checked on the server for every page and
 * endpoint.
 */
public enum Role {

	INTAKE("Intake coordinator"), NURSE("Nurse"), PHYSICIAN("Physician"), THERAPIST("Therapist"),
	CLINIC_ADMIN("Clinic administrator");

	private final String label;

	Role(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	/**
	 * The Spring Security authority for this role, as {@code hasRole(...)} expects it.
	 */
	public String authority() {
		return "ROLE_" + name();
	}

}
