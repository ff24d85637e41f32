/**
 * Psychotherapy around the infusions: preparation and integration sessions with their
 * signed notes, kept apart from the rest of the record, and the integration sessions due.
 */
package org.ketacare.therapy;
