/**
 * The patient registry: who the patient is, how to reach them and their escort home,
 * medications, allergies, weight and height history, status and search. Other modules
 * show a patient's name and MRN (and find patients by status) through the
 * {@code patient_names} view, never its tables.
 */
package org.ketacare.patient;
