package org.ketacare.fhir.internal;

import java.util.List;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The resources of one type that are about a patient: what {@code Patient/$everything}
 * and the bulk export gather, one patient at a time. Implementations do not audit; the
 * caller writes one audit row per patient shown.
 */
public interface PatientCompartment {

	/** The FHIR resource type, such as {@code Observation}. */
	String resourceType();

	/** Every resource of this type about the patient, oldest first. */
	List<? extends IBaseResource> ofPatient(PatientRecord patient);

}
