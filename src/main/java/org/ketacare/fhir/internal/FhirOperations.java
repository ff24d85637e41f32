package org.ketacare.fhir.internal;

/**
 * A HAPI plain provider: operations that belong to no single resource type, such as the
 * bulk {@code $export}. The FHIR server registers every bean of this kind.
 */
public interface FhirOperations {

}
