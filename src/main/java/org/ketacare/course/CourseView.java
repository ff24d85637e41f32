package org.ketacare.course;

import java.util.List;

/**
 * A course with everything its timeline shows.
 *
 * @param patientName the patient's full name
 * @param appointments every appointment, in time order, with room names
 * @param deviations where it departs from its protocol
 * @param boosters booster requests, newest first
 */
public record CourseView(Course course, String patientName, String patientMrn, List<Appointment> appointments,
		List<Deviation> deviations, List<BoosterRequest> boosters) {
}
