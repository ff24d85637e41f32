package org.ketacare.course;

/**
 * Where a course stands: planned → induction → maintenance → completed, or discontinued.
 */
public enum CourseStatus {

	PLANNED("Planned"), INDUCTION("Induction"), MAINTENANCE("Maintenance"), COMPLETED("Completed"),
	DISCONTINUED("Discontinued");

	private final String label;

	CourseStatus(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	public boolean isOpen() {
		return this == PLANNED || this == INDUCTION || this == MAINTENANCE;
	}

}
