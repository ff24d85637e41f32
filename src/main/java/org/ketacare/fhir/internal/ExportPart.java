package org.ketacare.fhir.internal;

/**
 * The part of one resource type's NDJSON file being filled: one resource per line. When
 * full it is written to the database and the next part begins, so that memory holds at
 * most one part per type however large the clinic.
 */
final class ExportPart {

	private final String resourceType;

	private final int capacity;

	private final StringBuilder lines = new StringBuilder();

	private int number = 1;

	private int count;

	ExportPart(String resourceType, int capacity) {
		this.resourceType = resourceType;
		this.capacity = capacity;
	}

	/** Adds a resource encoded as one line of JSON. */
	void add(String json) {
		if (json.indexOf('\n') >= 0) {
			throw new IllegalArgumentException("An NDJSON line must not contain a line break");
		}
		this.lines.append(json).append('\n');
		this.count++;
	}

	boolean isFull() {
		return this.count >= this.capacity;
	}

	boolean isEmpty() {
		return this.count == 0;
	}

	String resourceType() {
		return this.resourceType;
	}

	int number() {
		return this.number;
	}

	int count() {
		return this.count;
	}

	String ndjson() {
		return this.lines.toString();
	}

	/** Starts the next part, once this one is written. */
	void next() {
		this.lines.setLength(0);
		this.count = 0;
		this.number++;
	}

}
