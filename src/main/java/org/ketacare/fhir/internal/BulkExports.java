package org.ketacare.fhir.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ketacare.clinic.Clinic;
import org.ketacare.clinic.Clinics;
import org.ketacare.fhir.FhirProperties;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clinic's FHIR bulk exports: start one (one running per clinic), see how it is
 * going, cancel it, and read its files. Only the staff member who started an export sees
 * it. Files are copies of clinical records: they are deleted on cancel, on failure and
 * when the retention time has passed.
 */
@Service
public class BulkExports {

	private static final Logger log = LoggerFactory.getLogger(BulkExports.class);

	private final ExportJobRepository jobs;

	private final ExportRunner runner;

	private final ExportQueue queue;

	private final List<String> exportable;

	private final PatientRegistry registry;

	private final Clinics clinics;

	private final AuditLog audit;

	private final FhirProperties properties;

	private final Clock clock;

	private final TransactionTemplate transaction;

	BulkExports(ExportJobRepository jobs, ExportRunner runner, ExportQueue queue, List<PatientCompartment> compartments,
			PatientRegistry registry, Clinics clinics, AuditLog audit, FhirProperties properties, Clock clock,
			PlatformTransactionManager transactions) {
		this.jobs = jobs;
		this.runner = runner;
		this.queue = queue;
		this.exportable = compartments.stream()
			.map(PatientCompartment::resourceType)
			.distinct()
			.sorted(Comparator.comparing((String type) -> !"Patient".equals(type)).thenComparing(type -> type))
			.toList();
		this.registry = registry;
		this.clinics = clinics;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** The resource types an export holds: Patient first, then by name. */
	List<String> exportable() {
		return this.exportable;
	}

	/**
	 * Starts an export of every patient of the caller's clinic and returns its id; the
	 * export runs on in the background, on this node's export threads.
	 * @throws ExportAlreadyRunning when the clinic has an export running
	 * @throws ExportQueueFull when this node has no place for another export; nothing is
	 * stored
	 */
	UUID start(StaffPrincipal by, ExportRequest request, String requestUrl) {
		ExportQueue.Reservation place = this.queue.reserve().orElseThrow(ExportQueueFull::new);
		UUID id = UUID.randomUUID();
		try {
			this.transaction.executeWithoutResult((status) -> {
				Instant now = this.clock.instant();
				failStalled(by.clinicId(), now);
				try {
					this.jobs.insert(by.clinicId(), id, by.staffId(), requestUrl, request.types(),
							this.registry.count(by.clinicId()), now);
				}
				catch (DuplicateKeyException ex) {
					throw new ExportAlreadyRunning();
				}
				this.audit.record(by,
						AuditRecord.success("FHIR_EXPORT_STARTED")
							.target("fhir_export", id)
							.details(String.join(",", request.types())));
			});
		}
		catch (RuntimeException ex) {
			place.release();
			throw ex;
		}
		place.submit(by.clinicId(), id, () -> this.runner.run(by, id, request.types()));
		return id;
	}

	/** The caller's own export; another's, or an unknown one, is not found. */
	Optional<ExportJob> find(StaffPrincipal by, UUID jobId) {
		failStalled(by.clinicId(), this.clock.instant());
		return this.jobs.find(by.clinicId(), jobId).filter((job) -> job.requestedBy().equals(by.staffId()));
	}

	/** The files of a finished export, in the order of its types. */
	List<ExportJob.Part> parts(StaffPrincipal by, ExportJob job) {
		List<ExportJob.Part> parts = new ArrayList<>(this.jobs.parts(by.clinicId(), job.id()));
		parts.sort(Comparator.comparing((ExportJob.Part part) -> job.types().indexOf(part.resourceType()))
			.thenComparing(ExportJob.Part::number));
		return parts;
	}

	/** One file of the caller's finished export, audited as a download. */
	Optional<String> file(StaffPrincipal by, UUID jobId, String resourceType, int partNo) {
		return this.transaction.execute((status) -> find(by, jobId).filter((job) -> ExportJob.DONE.equals(job.status()))
			.flatMap((job) -> this.jobs.ndjson(by.clinicId(), jobId, resourceType, partNo))
			.map((ndjson) -> {
				this.audit.record(by,
						AuditRecord.success("FHIR_EXPORT_DOWNLOADED")
							.target("fhir_export", jobId)
							.details(resourceType + " part " + partNo));
				return ndjson;
			}));
	}

	/**
	 * Cancels the caller's export, or deletes a finished one, with its files.
	 * @return whether there was such an export
	 */
	boolean cancel(StaffPrincipal by, UUID jobId) {
		Boolean cancelled = this.transaction.execute((status) -> {
			if (find(by, jobId).isEmpty()) {
				return false;
			}
			this.jobs.delete(by.clinicId(), jobId);
			this.audit.record(by, AuditRecord.success("FHIR_EXPORT_DELETED").target("fhir_export", jobId));
			return true;
		});
		return Boolean.TRUE.equals(cancelled);
	}

	/**
	 * Fails exports whose node went away and deletes the files of exports older than the
	 * retention time, in every clinic.
	 */
	@Scheduled(cron = "${ketacare.fhir.export-sweep-cron:0 */5 * * * *}")
	void sweep() {
		sweep(this.clock.instant());
	}

	/** The sweep as if it ran at {@code now}. */
	public void sweep(Instant now) {
		for (Clinic clinic : this.clinics.all()) {
			this.transaction.executeWithoutResult((status) -> {
				failStalled(clinic.id(), now);
				int deleted = this.jobs.deleteFinishedBefore(clinic.id(), now.minus(this.properties.exportRetention()));
				if (deleted > 0) {
					log.info("Deleted {} FHIR bulk exports of {} older than {}", deleted, clinic.slug(),
							this.properties.exportRetention());
				}
			});
		}
	}

	/**
	 * Fails the clinic's running exports that made no progress for the stale time. The
	 * jobs still waiting in this node's queue are marked as moving on first: staleness
	 * counts from when a job started or last progressed, not from when it was queued.
	 */
	private void failStalled(UUID clinicId, Instant now) {
		this.transaction.executeWithoutResult((status) -> {
			Set<UUID> waiting = this.queue.waiting(clinicId);
			if (!waiting.isEmpty()) {
				this.jobs.stillWaiting(clinicId, waiting, now);
			}
			for (UUID id : this.jobs.stalled(clinicId, now.minus(this.properties.exportStaleAfter()))) {
				log.warn("FHIR bulk export {} made no progress for {}; failing it", id,
						this.properties.exportStaleAfter());
				this.jobs.fail(clinicId, id, "The export stopped making progress (the server running it may have "
						+ "restarted); start a new export", now);
			}
		});
	}

	/** This node has no place for another export now. */
	static class ExportQueueFull extends RuntimeException {

		ExportQueueFull() {
			super("The server is busy with other bulk exports; try again later");
		}

	}

	/** The clinic already has an export running. */
	static class ExportAlreadyRunning extends RuntimeException {

		ExportAlreadyRunning() {
			super("The clinic already has a bulk export running; wait for it to finish or cancel it");
		}

	}

}
