package org.ketacare.patient;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of registering a patient.
 *
 * @param patient the new record; empty when the duplicate check stopped the registration
 * and nothing was saved
 * @param possibleDuplicates patients of the clinic with the same name and birth date
 */
public record Registration(Optional<Patient> patient, List<Patient> possibleDuplicates) {
}
