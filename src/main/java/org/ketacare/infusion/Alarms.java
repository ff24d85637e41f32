package org.ketacare.infusion;

import java.util.ArrayList;
import java.util.List;

/**
 * The clinic's alarm limits and the pre-infusion blood-pressure limit, applied to
 * readings.
 */
final class Alarms {

	private Alarms() {
	}

	/** Alarm limits: values strictly beyond them alarm. */
	record Thresholds(int maxSystolic, int maxDiastolic, int maxHeartRate, int minHeartRate, int minSpo2) {
	}

	/** An alarm raised by a reading: a stable code and a sentence with the prompt. */
	record Alarm(String code, String message) {
	}

	static List<Alarm> evaluate(VitalSigns vitals, Thresholds limits) {
		List<Alarm> alarms = new ArrayList<>();
		if (vitals.systolic() > limits.maxSystolic() || vitals.diastolic() > limits.maxDiastolic()) {
			alarms.add(new Alarm("HIGH_BLOOD_PRESSURE",
					"Blood pressure " + vitals.systolic() + "/" + vitals.diastolic() + " mmHg is above "
							+ limits.maxSystolic() + "/" + limits.maxDiastolic() + ": pause the infusion?"));
		}
		if (vitals.heartRate() > limits.maxHeartRate()) {
			alarms.add(new Alarm("TACHYCARDIA", "Heart rate " + vitals.heartRate() + "/min is above "
					+ limits.maxHeartRate() + ": pause the infusion?"));
		}
		if (vitals.heartRate() < limits.minHeartRate()) {
			alarms.add(new Alarm("BRADYCARDIA", "Heart rate " + vitals.heartRate() + "/min is below "
					+ limits.minHeartRate() + ": pause the infusion?"));
		}
		if (vitals.spo2() < limits.minSpo2()) {
			alarms.add(new Alarm("LOW_SPO2",
					"SpO2 " + vitals.spo2() + "% is below " + limits.minSpo2() + "%: pause the infusion?"));
		}
		return alarms;
	}

	/**
	 * Whether a pre-infusion reading is above the limit for starting (either pressure).
	 */
	static boolean aboveStartLimit(VitalSigns vitals, int maxSystolic, int maxDiastolic) {
		return vitals.systolic() > maxSystolic || vitals.diastolic() > maxDiastolic;
	}

}
