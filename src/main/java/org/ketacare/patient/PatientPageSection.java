package org.ketacare.patient;

import java.util.Map;

import org.ketacare.platform.StaffPrincipal;

/**
 * A part of the patient page that another module contributes, such as the screening
 * history, so that the registry needs to know nothing of it.
 */
public interface PatientPageSection {

	/**
	 * The Thymeleaf template holding a fragment named {@code section(data)}, such as
	 * {@code screening/patient-section}.
	 */
	String template();

	/**
	 * What the fragment shows for this patient. Called while the patient page is being
	 * shown, whose read is audited; the section audits any further record it reads.
	 */
	Map<String, Object> data(StaffPrincipal viewer, Patient patient);

	/** Sections are shown in ascending order. */
	default int order() {
		return 0;
	}

}
