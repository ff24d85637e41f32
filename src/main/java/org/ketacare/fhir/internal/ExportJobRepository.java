package org.ketacare.fhir.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The bulk export jobs' and files' SQL. Every statement names the clinic. */
@Repository
class ExportJobRepository {

	private final JdbcClient jdbc;

	ExportJobRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a running job.
	 * @throws org.springframework.dao.DuplicateKeyException when the clinic already has
	 * one running
	 */
	void insert(UUID clinicId, UUID id, UUID requestedBy, String requestUrl, List<String> types, int patientsTotal,
			Instant now) {
		this.jdbc.sql("""
				INSERT INTO fhir_export_jobs (clinic_id, id, requested_by, requested_at, request_url, types, status,
				    patients_total, patients_done, progressed_at, transaction_time)
				VALUES (?, ?, ?, ?, ?, ?, 'RUNNING', ?, 0, ?, ?)
				""")
			.params(clinicId, id, requestedBy, Timestamps.of(now), requestUrl, String.join(",", types), patientsTotal,
					Timestamps.of(now), Timestamps.of(now))
			.update();
	}

	Optional<ExportJob> find(UUID clinicId, UUID id) {
		return this.jdbc.sql("""
				SELECT id, requested_by, request_url, types, status, patients_total, patients_done, error,
				       transaction_time
				  FROM fhir_export_jobs WHERE clinic_id = ? AND id = ?
				""")
			.params(clinicId, id)
			.query((rs, row) -> new ExportJob(rs.getObject("id", UUID.class), rs.getObject("requested_by", UUID.class),
					rs.getString("request_url"), Arrays.asList(rs.getString("types").split(",")),
					rs.getString("status"), rs.getInt("patients_total"), rs.getInt("patients_done"),
					rs.getString("error"), Timestamps.read(rs, "transaction_time")))
			.optional();
	}

	/**
	 * Locks the job's row until the caller's transaction ends and returns its status: a
	 * cancel waits for the patient being written, and the writer sees a cancel.
	 */
	Optional<String> lockStatus(UUID clinicId, UUID id) {
		return this.jdbc.sql("SELECT status FROM fhir_export_jobs WHERE clinic_id = ? AND id = ? FOR UPDATE")
			.params(clinicId, id)
			.query(String.class)
			.optional();
	}

	void insertPart(UUID clinicId, UUID jobId, ExportPart part) {
		this.jdbc.sql("""
				INSERT INTO fhir_export_parts (clinic_id, job_id, resource_type, part_no, resource_count, ndjson)
				VALUES (?, ?, ?, ?, ?, ?)
				""").params(clinicId, jobId, part.resourceType(), part.number(), part.count(), part.ndjson()).update();
	}

	void progressed(UUID clinicId, UUID id, Instant now) {
		this.jdbc.sql("""
				UPDATE fhir_export_jobs SET patients_done = patients_done + 1, progressed_at = ?
				 WHERE clinic_id = ? AND id = ?
				""").params(Timestamps.of(now), clinicId, id).update();
	}

	/** The job begins on a thread: its stale time counts from now. */
	void started(UUID clinicId, UUID id, Instant now) {
		this.jdbc.sql("""
				UPDATE fhir_export_jobs SET progressed_at = ? WHERE clinic_id = ? AND id = ? AND status = 'RUNNING'
				""").params(Timestamps.of(now), clinicId, id).update();
	}

	/**
	 * The jobs still wait in a live node's queue: they are not stale, whenever they were
	 * asked for.
	 */
	void stillWaiting(UUID clinicId, Collection<UUID> ids, Instant now) {
		this.jdbc.sql("""
				UPDATE fhir_export_jobs SET progressed_at = ?
				 WHERE clinic_id = ? AND id = ANY(?) AND status = 'RUNNING' AND progressed_at < ?
				""")
			.params(Timestamps.of(now), clinicId, new SqlArrayValue("uuid", ids.toArray()), Timestamps.of(now))
			.update();
	}

	void done(UUID clinicId, UUID id, Instant now) {
		this.jdbc.sql("""
				UPDATE fhir_export_jobs SET status = 'DONE', finished_at = ?, progressed_at = ?
				 WHERE clinic_id = ? AND id = ? AND status = 'RUNNING'
				""").params(Timestamps.of(now), Timestamps.of(now), clinicId, id).update();
	}

	/** Fails a running job and deletes the files it had written. */
	void fail(UUID clinicId, UUID id, String error, Instant now) {
		int failed = this.jdbc.sql("""
				UPDATE fhir_export_jobs SET status = 'FAILED', error = ?, finished_at = ?
				 WHERE clinic_id = ? AND id = ? AND status = 'RUNNING'
				""").params(error, Timestamps.of(now), clinicId, id).update();
		if (failed > 0) {
			this.jdbc.sql("DELETE FROM fhir_export_parts WHERE clinic_id = ? AND job_id = ?")
				.params(clinicId, id)
				.update();
		}
	}

	/** The clinic's running jobs that have not moved on since {@code before}. */
	List<UUID> stalled(UUID clinicId, Instant before) {
		return this.jdbc.sql("""
				SELECT id FROM fhir_export_jobs WHERE clinic_id = ? AND status = 'RUNNING' AND progressed_at < ?
				""").params(clinicId, Timestamps.of(before)).query(UUID.class).list();
	}

	/** Deletes the job and, with it, its files. */
	boolean delete(UUID clinicId, UUID id) {
		return this.jdbc.sql("DELETE FROM fhir_export_jobs WHERE clinic_id = ? AND id = ?")
			.params(clinicId, id)
			.update() > 0;
	}

	/**
	 * Deletes the clinic's jobs, and their files, that finished before {@code before}.
	 */
	int deleteFinishedBefore(UUID clinicId, Instant before) {
		return this.jdbc.sql("DELETE FROM fhir_export_jobs WHERE clinic_id = ? AND finished_at < ?")
			.params(clinicId, Timestamps.of(before))
			.update();
	}

	List<ExportJob.Part> parts(UUID clinicId, UUID jobId) {
		return this.jdbc.sql("""
				SELECT resource_type, part_no, resource_count FROM fhir_export_parts
				 WHERE clinic_id = ? AND job_id = ? ORDER BY resource_type, part_no
				""")
			.params(clinicId, jobId)
			.query((rs, row) -> new ExportJob.Part(rs.getString("resource_type"), rs.getInt("part_no"),
					rs.getInt("resource_count")))
			.list();
	}

	Optional<String> ndjson(UUID clinicId, UUID jobId, String resourceType, int partNo) {
		return this.jdbc.sql("""
				SELECT ndjson FROM fhir_export_parts
				 WHERE clinic_id = ? AND job_id = ? AND resource_type = ? AND part_no = ?
				""").params(clinicId, jobId, resourceType, partNo).query(String.class).optional();
	}

}
