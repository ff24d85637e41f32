package org.ketacare.course;

import java.util.List;

import org.ketacare.clinic.SettingCatalogue;
import org.ketacare.clinic.SettingDefinition;

import org.springframework.stereotype.Component;

import static org.ketacare.clinic.SettingDefinition.clinicalNumber;
import static org.ketacare.clinic.SettingDefinition.preference;
import static org.ketacare.clinic.SettingType.INTEGER;

/**
 * The schedule's own numbers. The course numbers the protocol shares with other modules
 * (infusions, window, interval, follow-up) are declared by the clinic module's protocol
 * settings and read from there.
 */
@Component
class CourseSettings implements SettingCatalogue {

	static final String NURSE_MAX_PATIENTS = "schedule.nurse-max-patients";

	static final String PREFERRED_PER_WEEK = "course.preferred-infusions-per-week";

	static final String FOLLOW_UP_VISIT_MINUTES = "course.follow-up-visit-minutes";

	static final String FOLLOW_UP_TOLERANCE_DAYS = "course.follow-up-tolerance-days";

	static final String SESSION_SEARCH_DAYS = "course.session-search-days";

	static final String INDUCTION_INFUSIONS = "course.induction-infusions";

	static final String INDUCTION_WINDOW_DAYS = "course.induction-window-days";

	static final String MINIMUM_INTERVAL_HOURS = "course.minimum-interval-hours";

	static final String FOLLOW_UP_DAYS = "course.follow-up-days";

	static final String INFUSION_MINUTES = "infusion.duration-minutes";

	static final String OBSERVATION_MINUTES = "recovery.minimum-observation-minutes";

	static final String SLOT_MINUTES = "schedule.slot-minutes";

	@Override
	public List<SettingDefinition> settings() {
		return List.of(
				clinicalNumber(NURSE_MAX_PATIENTS, "Schedule", "Patients one nurse watches at once", INTEGER, "2", "",
						"1", "6",
						"Clinic staffing policy, not a published standard: ASA asks for continuous monitoring "
								+ "(clinical reference §1.3); a physician confirms it"),
				clinicalNumber(PREFERRED_PER_WEEK, "Course", "Preferred induction infusions a week", INTEGER, "3", "",
						"1", "7",
						"Murrough et al. 2013 (Biol Psychiatry 74:250): three times weekly; 2–3 a week fits 6 in 3 weeks"),
				preference(FOLLOW_UP_VISIT_MINUTES, "Schedule", "Length of the follow-up visit", INTEGER, "30", "min",
						"10", "120", "Clinic preference"),
				preference(FOLLOW_UP_TOLERANCE_DAYS, "Schedule", "Days the follow-up may fall after its target day",
						INTEGER, "7", "d", "0", "28", "Clinic preference"),
				preference(SESSION_SEARCH_DAYS, "Schedule", "Days searched for a booster or added session", INTEGER,
						"14", "d", "1", "60", "Clinic preference"));
	}

}
