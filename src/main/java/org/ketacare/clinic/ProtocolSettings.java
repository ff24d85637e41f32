package org.ketacare.clinic;

import java.util.List;

import org.springframework.stereotype.Component;

import static org.ketacare.clinic.SettingDefinition.clinicalNumber;
import static org.ketacare.clinic.SettingDefinition.preference;
import static org.ketacare.clinic.SettingType.DECIMAL;
import static org.ketacare.clinic.SettingType.INTEGER;

/**
 * The clinical numbers of the IV ketamine protocol that several modules share, with the
 * defaults and sources of the clinical reference (shared/clinical/reference.md). Items
 * marked there as unverified are clinic policy defaults that a physician signs off before
 * relying on them.
 */
@Component
class ProtocolSettings implements SettingCatalogue {

	private static final String APA_2017 = "Sanacora et al. 2017, APA consensus statement (JAMA Psychiatry 74:399); "
			+ "Andrade 2017 (J Clin Psychiatry 78:e852)";

	private static final String CLINIC_POLICY = "Common clinic protocol, not a published standard: a physician confirms it";

	@Override
	public List<SettingDefinition> settings() {
		return List.of(
				clinicalNumber("course.induction-infusions", "Course", "Infusions in the induction course", INTEGER,
						"6", "", "1", "12", "Murrough et al. 2013 (Biol Psychiatry 74:250): up to 6 infusions"),
				clinicalNumber("course.induction-window-days", "Course",
						"Days within which the induction infusions fall", INTEGER, "21", "d", "7", "60",
						"Clinic protocol: six infusions within three weeks"),
				clinicalNumber("course.minimum-interval-hours", "Course", "Minimum time between two infusions", INTEGER,
						"24", "h", "12", "336", "Murrough et al. 2013: at most one infusion a day"),
				clinicalNumber("course.follow-up-days", "Course", "Follow-up visit after the last induction infusion",
						INTEGER, "28", "d", "7", "90", "Clinic protocol: one-month follow-up"),
				clinicalNumber("infusion.dose.default-mg-per-kg", "Dose", "Default ketamine dose", DECIMAL, "0.5",
						"mg/kg", "0.1", "1.0", APA_2017),
				clinicalNumber("infusion.dose.minimum-mg-per-kg", "Dose", "Lowest dose without a signed reason",
						DECIMAL, "0.1", "mg/kg", "0.05", "1.0", "Andrade 2017: some patients respond to 0.1 mg/kg"),
				clinicalNumber("infusion.dose.maximum-mg-per-kg", "Dose", "Highest dose without a signed reason",
						DECIMAL, "1.0", "mg/kg", "0.1", "2.0",
						"Andrade 2017: up to 0.75 mg/kg used; above 1.0 mg/kg needs an override"),
				clinicalNumber("infusion.duration-minutes", "Dose", "Infusion duration", INTEGER, "40", "min", "2",
						"100", APA_2017),
				clinicalNumber("pre-infusion.max-systolic-mmhg", "Pre-infusion checks",
						"Highest systolic pressure to start an infusion", INTEGER, "140", "mmHg", "100", "200",
						"Spravato prescribing information §2.2: 'as a general guide > 140/90 mmHg'"),
				clinicalNumber("pre-infusion.max-diastolic-mmhg", "Pre-infusion checks",
						"Highest diastolic pressure to start an infusion", INTEGER, "90", "mmHg", "60", "130",
						"Spravato prescribing information §2.2: 'as a general guide > 140/90 mmHg'"),
				clinicalNumber("monitoring.infusion-vitals-interval-minutes", "Monitoring",
						"Vital signs during the infusion, every", INTEGER, "10", "min", "1", "30",
						"Common practice: BP, pulse and cardiac tracing every 10 min (clinical reference §1.3)"),
				clinicalNumber("monitoring.recovery-vitals-interval-minutes", "Monitoring",
						"Vital signs during recovery, every", INTEGER, "15", "min", "1", "60", CLINIC_POLICY),
				clinicalNumber("alarm.max-systolic-mmhg", "Alarms", "Alarm above systolic pressure", INTEGER, "180",
						"mmHg", "120", "250", CLINIC_POLICY + " (pause or stop above 180/100)"),
				clinicalNumber("alarm.max-diastolic-mmhg", "Alarms", "Alarm above diastolic pressure", INTEGER, "100",
						"mmHg", "70", "150", CLINIC_POLICY + " (pause or stop above 180/100)"),
				clinicalNumber("alarm.max-heart-rate-bpm", "Alarms", "Alarm above heart rate", INTEGER, "110", "bpm",
						"60", "200", CLINIC_POLICY),
				clinicalNumber("alarm.min-heart-rate-bpm", "Alarms", "Alarm below heart rate", INTEGER, "50", "bpm",
						"30", "80", CLINIC_POLICY),
				clinicalNumber("alarm.min-spo2-percent", "Alarms", "Alarm below oxygen saturation", INTEGER, "92", "%",
						"80", "99", CLINIC_POLICY),
				clinicalNumber("recovery.minimum-observation-minutes", "Recovery",
						"Minimum observation after the infusion ends", INTEGER, "60", "min", "15", "240",
						CLINIC_POLICY + "; discharge criteria after RCEM procedural sedation guidance"),
				preference("schedule.slot-minutes", "Schedule", "Granularity of the schedule", INTEGER, "15", "min",
						"5", "60", "Clinic preference"));
	}

}
