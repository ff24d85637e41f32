/**
 * HL7 FHIR R4 API at {@code /fhir}: a HAPI RestfulServer that shows the clinic's
 * patients, visits, vital signs, scores and doses as FHIR resources, mapped from the
 * other modules.
 */
package org.ketacare.fhir;
