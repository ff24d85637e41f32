package org.ketacare.patient;

/**
 * A current medication as the patient reports it.
 *
 * @param name the drug, such as {@code sertraline}
 * @param dose the dose and frequency in the patient's words, such as
 * {@code 100 mg daily}, or {@code null}
 */
public record Medication(String name, String dose) {
}
