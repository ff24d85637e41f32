package org.ketacare.infusion;

import java.util.ArrayList;
import java.util.List;

import org.ketacare.platform.InvalidInputException.FieldError;

/**
 * One set of vital signs. {@link #problems()} names readings no living patient can have —
 * what a typing slip produces — as opposed to alarming ones, which {@link Alarms} judges.
 */
record VitalSigns(Integer systolic, Integer diastolic, Integer heartRate, Integer spo2, Integer respiratoryRate) {

	List<FieldError> problems() {
		List<FieldError> errors = new ArrayList<>();
		within(errors, "systolic", this.systolic, 40, 300, "mmHg");
		within(errors, "diastolic", this.diastolic, 20, 200, "mmHg");
		within(errors, "heartRate", this.heartRate, 1, 300, "/min");
		within(errors, "spo2", this.spo2, 0, 100, "%");
		within(errors, "respiratoryRate", this.respiratoryRate, 1, 80, "/min");
		if (this.systolic != null && this.diastolic != null && this.systolic < this.diastolic
				&& errors.stream().noneMatch((e) -> e.field().equals("systolic") || e.field().equals("diastolic"))) {
			errors.add(new FieldError("systolic", "must not be below the diastolic pressure"));
		}
		return errors;
	}

	private static void within(List<FieldError> errors, String field, Integer value, int min, int max, String unit) {
		if (value == null) {
			errors.add(new FieldError(field, "is required"));
		}
		else if (value < min || value > max) {
			errors.add(new FieldError(field, "must be between " + min + " and " + max + " " + unit));
		}
	}

}
