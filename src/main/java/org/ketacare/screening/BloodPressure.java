package org.ketacare.screening;

/**
 * A blood pressure reading in mmHg.
 */
record BloodPressure(int systolic, int diastolic) {

	@Override
	public String toString() {
		return this.systolic + "/" + this.diastolic + " mmHg";
	}

}
