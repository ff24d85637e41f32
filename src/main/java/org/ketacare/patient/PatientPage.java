package org.ketacare.patient;

import java.util.List;

/**
 * One page of the patient list.
 *
 * @param page zero-based page number
 */
public record PatientPage(List<Patient> patients, int page, int size, boolean hasNext) {
}
