/**
 * The patient registry: who the patient is, how to reach them and their escort home,
 * medications, allergies, weight and height history, status and search.
 */
package org.ketacare.patient;
