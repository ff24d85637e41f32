package org.ketacare.patient;

/**
 * Someone close to the patient: the emergency contact, or the escort who takes them home
 * after an infusion (they may not drive for the rest of the day).
 *
 * @param name their name, or {@code null} when not known yet
 * @param phone their phone number, or {@code null}
 * @param relationship how they are related to the patient, or {@code null}
 */
public record ContactPerson(String name, String phone, String relationship) {

	public static final ContactPerson NONE = new ContactPerson(null, null, null);

	public boolean isKnown() {
		return this.name != null;
	}

}
