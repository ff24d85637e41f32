package org.ketacare.therapy;

import java.util.List;

import org.ketacare.clinic.SettingCatalogue;
import org.ketacare.clinic.SettingDefinition;

import org.springframework.stereotype.Component;

import static org.ketacare.clinic.SettingDefinition.clinicalNumber;
import static org.ketacare.clinic.SettingType.INTEGER;

/** The therapy module's numbers. */
@Component
class TherapySettings implements SettingCatalogue {

	static final String INTEGRATION_WINDOW_HOURS = "therapy.integration-window-hours";

	@Override
	public List<SettingDefinition> settings() {
		return List.of(clinicalNumber(INTEGRATION_WINDOW_HOURS, "Therapy",
				"An integration session is due within this many hours after each infusion", INTEGER, "72", "h", "24",
				"168", "Integration is most useful 24–72 h after an infusion: clinical reference section 1.4 "
						+ "(curogram.com post-ketamine integration therapy)"));
	}

}
