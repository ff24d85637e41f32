/**
 * Measurement-based care: instruments as data, exact scoring, responses, response and
 * remission, relapse, safety alerts, personal questionnaire links and the clinic
 * dashboard.
 */
package org.ketacare.outcomes;
