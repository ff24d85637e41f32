package org.ketacare.screening;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.ketacare.clinic.ClinicSettings;
import org.ketacare.clinic.SettingCatalogue;
import org.ketacare.clinic.SettingDefinition;
import org.ketacare.clinic.SettingType;

import org.springframework.stereotype.Component;

import static org.ketacare.clinic.SettingDefinition.clinicalNumber;

/**
 * The clinic's numbers for the eligibility rules, with the defaults and sources of the
 * clinical reference. Blood pressure reuses the pre-infusion limits of the protocol
 * settings: a pressure that would defer an infusion is not controlled.
 */
@Component
class ScreeningSettings implements SettingCatalogue {

	static final String APPROVAL_VALIDITY_DAYS = "screening.approval-validity-days";

	static final String MINIMUM_ADEQUATE_TRIALS = "screening.minimum-adequate-trials";

	static final String MINIMUM_TRIAL_WEEKS = "screening.minimum-trial-weeks";

	static final String MINIMUM_AGE_YEARS = "screening.minimum-age-years";

	static final String REVIEW_ABOVE_AGE_YEARS = "screening.review-above-age-years";

	static final String MAX_SYSTOLIC = "pre-infusion.max-systolic-mmhg";

	static final String MAX_DIASTOLIC = "pre-infusion.max-diastolic-mmhg";

	private static final String TRD_DEFINITION = "Clinical reference §4: non-response to ≥ 2 antidepressants of "
			+ "adequate dose and duration in the current episode (PMC11193313)";

	private static final String AGE_BAND = "Clinical reference §1.5: age band 18–65 at some clinics (Mindspace; CRTCE)";

	@Override
	public List<SettingDefinition> settings() {
		return List.of(
				clinicalNumber(APPROVAL_VALIDITY_DAYS, "Eligibility",
						"A physician's approval is valid without a course for", SettingType.INTEGER, "90", "d", "7",
						"365",
						"Clinic policy, not a published standard: re-screen when a course has not started within "
								+ "90 days; a physician confirms it"),
				clinicalNumber(MINIMUM_ADEQUATE_TRIALS, "Eligibility",
						"Failed adequate antidepressant trials for treatment resistance", SettingType.INTEGER, "2", "",
						"1", "6", TRD_DEFINITION),
				clinicalNumber(MINIMUM_TRIAL_WEEKS, "Eligibility",
						"Weeks at a therapeutic dose for an adequate antidepressant trial", SettingType.INTEGER, "6",
						"wk", "4", "12",
						"Clinical reference §4: adequate is commonly read as ≥ 4–6 weeks at a therapeutic dose "
								+ "[secondary source]; the default takes the stricter end"),
				clinicalNumber(MINIMUM_AGE_YEARS, "Eligibility", "Youngest age treated", SettingType.INTEGER, "18", "a",
						"16", "30", AGE_BAND),
				clinicalNumber(REVIEW_ABOVE_AGE_YEARS, "Eligibility", "Physician review above age", SettingType.INTEGER,
						"65", "a", "50", "100", AGE_BAND));
	}

	/** The rule set in force for the clinic at {@code at}. */
	static RuleSet ruleSet(ClinicSettings settings, UUID clinicId, Instant at) {
		return new RuleSet(integer(settings, clinicId, MINIMUM_ADEQUATE_TRIALS, at),
				integer(settings, clinicId, MINIMUM_TRIAL_WEEKS, at), integer(settings, clinicId, MAX_SYSTOLIC, at),
				integer(settings, clinicId, MAX_DIASTOLIC, at), integer(settings, clinicId, MINIMUM_AGE_YEARS, at),
				integer(settings, clinicId, REVIEW_ABOVE_AGE_YEARS, at));
	}

	private static int integer(ClinicSettings settings, UUID clinicId, String key, Instant at) {
		return Integer.parseInt(settings.valueAt(clinicId, key, at));
	}

}
