package org.ketacare.infusion;

import java.util.List;

import org.ketacare.clinic.SettingCatalogue;
import org.ketacare.clinic.SettingDefinition;

import org.springframework.stereotype.Component;

import static org.ketacare.clinic.SettingDefinition.clinicalNumber;
import static org.ketacare.clinic.SettingDefinition.preference;
import static org.ketacare.clinic.SettingType.DECIMAL;
import static org.ketacare.clinic.SettingType.INTEGER;

/**
 * The infusion visit's own numbers; the dose range, duration, blood-pressure limits,
 * monitoring intervals, alarms and observation time are the shared protocol settings of
 * the clinic module.
 */
@Component
class InfusionSettings implements SettingCatalogue {

	static final String CHECK_IN_MINUTES_BEFORE = "infusion.check-in-minutes-before";

	static final String BMI_THRESHOLD = "infusion.weight-basis.bmi-threshold";

	static final String ADJUSTED_FACTOR = "infusion.weight-basis.adjusted-factor";

	static final String BAG_VOLUME_ML = "infusion.bag-volume-ml";

	static final String DOSE_DEFAULT = "infusion.dose.default-mg-per-kg";

	static final String DOSE_MINIMUM = "infusion.dose.minimum-mg-per-kg";

	static final String DOSE_MAXIMUM = "infusion.dose.maximum-mg-per-kg";

	static final String DURATION = "infusion.duration-minutes";

	static final String START_MAX_SYSTOLIC = "pre-infusion.max-systolic-mmhg";

	static final String START_MAX_DIASTOLIC = "pre-infusion.max-diastolic-mmhg";

	static final String INFUSION_INTERVAL = "monitoring.infusion-vitals-interval-minutes";

	static final String RECOVERY_INTERVAL = "monitoring.recovery-vitals-interval-minutes";

	static final String MINIMUM_OBSERVATION = "recovery.minimum-observation-minutes";

	private static final String POLICY = "Clinic policy, not a published standard: a physician confirms it";

	@Override
	public List<SettingDefinition> settings() {
		return List.of(
				preference(CHECK_IN_MINUTES_BEFORE, "Infusion visit", "Check-in opens before the appointment", INTEGER,
						"60", "min", "0", "240", "Clinic preference (issue #5: from 60 minutes before the start)"),
				clinicalNumber(BMI_THRESHOLD, "Dose", "Ideal or adjusted body weight may be used from a BMI of",
						DECIMAL, "30", "kg/m²", "25", "50",
						POLICY + "; WHO obesity class I starts at BMI 30 (WHO TRS 894, 2000)"),
				clinicalNumber(ADJUSTED_FACTOR, "Dose", "Adjusted body weight: share of the excess over ideal weight",
						DECIMAL, "0.4", "", "0.2", "0.6",
						"Pai & Paloucek 2000 (Ann Pharmacother 34:1066): ABW = IBW + 0.4 × (TBW − IBW)"),
				clinicalNumber(BAG_VOLUME_ML, "Dose", "Volume the dose is diluted into (0.9% sodium chloride)", DECIMAL,
						"100", "mL", "20", "500",
						POLICY + "; common practice dilutes the dose in a 100 mL bag given by pump"));
	}

}
