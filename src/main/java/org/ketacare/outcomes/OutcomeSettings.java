package org.ketacare.outcomes;

import java.util.List;

import org.ketacare.clinic.SettingCatalogue;
import org.ketacare.clinic.SettingDefinition;

import org.springframework.stereotype.Component;

import static org.ketacare.clinic.SettingDefinition.clinicalNumber;
import static org.ketacare.clinic.SettingDefinition.preference;
import static org.ketacare.clinic.SettingType.INTEGER;

/**
 * The clinic settings of measurement-based care. Response and remission thresholds belong
 * to each instrument's definition; what a clinic decides for itself is here.
 */
@Component
class OutcomeSettings implements SettingCatalogue {

	static final String RELAPSE_REDUCTION_BELOW_PERCENT = "outcomes.relapse.reduction-below-percent";

	static final String RELAPSE_CONSECUTIVE_SCORES = "outcomes.relapse.consecutive-scores";

	static final String ALERT_ESCALATION_MINUTES = "outcomes.alert.escalation-minutes";

	static final String LINK_LIFETIME_HOURS = "outcomes.link.lifetime-hours";

	private static final String CLINIC_POLICY = "Clinic policy, not a published standard: a physician confirms it";

	@Override
	public List<SettingDefinition> settings() {
		return List.of(
				clinicalNumber(RELAPSE_REDUCTION_BELOW_PERCENT, "Outcomes",
						"After a response, a score counts toward relapse when its reduction from baseline is below",
						INTEGER, "50", "%", "1", "100",
						"Clinical reference §3: response = ≥ 50 % reduction from baseline; relapse = the episode "
								+ "returns before recovery, i.e. the response is lost"),
				clinicalNumber(RELAPSE_CONSECUTIVE_SCORES, "Outcomes",
						"Scores in a row below that reduction that make a relapse (and suggest a booster)", INTEGER,
						"2", "", "1", "6", CLINIC_POLICY + " (two in a row, so that one bad day is not a relapse)"),
				clinicalNumber(ALERT_ESCALATION_MINUTES, "Outcomes",
						"A safety alert not acknowledged within this time is shown as escalated", INTEGER, "30", "min",
						"5", "1440", CLINIC_POLICY),
				preference(LINK_LIFETIME_HOURS, "Outcomes", "A patient's personal questionnaire link expires after",
						INTEGER, "72", "h", "1", "336", "Clinic preference"));
	}

}
