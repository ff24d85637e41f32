/**
 * Treatment courses: protocols, the proposal of a course's sessions, appointments in
 * rooms with staff on duty, the clinic's day and week schedule, boosters and visit
 * reminders.
 */
package org.ketacare.course;
