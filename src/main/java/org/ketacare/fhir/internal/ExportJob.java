package org.ketacare.fhir.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One bulk export as stored.
 *
 * @param id the job id clients poll with
 * @param requestedBy the staff member who asked, the only one who may poll and download
 * @param requestUrl the kick-off URL, repeated in the manifest
 * @param types the resource types exported, in the order written
 * @param status {@code RUNNING}, {@code DONE} or {@code FAILED}
 * @param patientsTotal the clinic's patients when the export began
 * @param patientsDone the patients exported so far
 * @param error why a failed export failed, for the caller; never a stack trace
 * @param transactionTime when the export began
 */
record ExportJob(UUID id, UUID requestedBy, String requestUrl, List<String> types, String status, int patientsTotal,
		int patientsDone, String error, Instant transactionTime) {

	static final String RUNNING = "RUNNING";

	static final String DONE = "DONE";

	static final String FAILED = "FAILED";

	/** Progress for the {@code X-Progress} header, such as "12 of 340 patients". */
	String progress() {
		return this.patientsDone + " of " + Math.max(this.patientsTotal, this.patientsDone) + " patients";
	}

	/**
	 * One file of the result: a part of one type's resources.
	 */
	record Part(String resourceType, int number, int count) {
	}

}
