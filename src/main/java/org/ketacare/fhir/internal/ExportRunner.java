package org.ketacare.fhir.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a bulk export in the background: the clinic's patients a page of ids at a time,
 * each patient's resources of every type asked for, one transaction per patient that
 * writes the full parts, the progress and the patient's audit row. Memory holds one
 * patient's resources and one part per type, however large the clinic.
 */
@Component
class ExportRunner {

	/** About a thousand resources per file part. */
	static final int RESOURCES_PER_PART = 1000;

	static final int PATIENTS_PER_PAGE = 100;

	private static final Logger log = LoggerFactory.getLogger(ExportRunner.class);

	private final ExportJobRepository jobs;

	private final Map<String, PatientCompartment> compartments = new LinkedHashMap<>();

	private final PatientRecords records;

	private final PatientRegistry registry;

	private final AuditLog audit;

	private final FhirContext context;

	private final Clock clock;

	private final TransactionTemplate transaction;

	ExportRunner(ExportJobRepository jobs, List<PatientCompartment> compartments, PatientRecords records,
			PatientRegistry registry, AuditLog audit, FhirContext context, Clock clock,
			PlatformTransactionManager transactions) {
		this.jobs = jobs;
		this.records = records;
		compartments.forEach((compartment) -> this.compartments.put(compartment.resourceType(), compartment));
		this.registry = registry;
		this.audit = audit;
		this.context = context;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Runs the export as the staff member who started it, until it is done, cancelled or
	 * fails; a failure is stored for the caller without its details, which go to the log.
	 * Called on an export thread of {@link ExportQueue}.
	 */
	void run(StaffPrincipal by, UUID jobId, List<String> types) {
		try {
			write(by, jobId, types);
		}
		catch (RuntimeException ex) {
			String reference = UUID.randomUUID().toString();
			log.error("FHIR bulk export {} failed (reference {})", jobId, reference, ex);
			this.transaction.executeWithoutResult((status) -> this.jobs.fail(by.clinicId(), jobId,
					"The export failed on an unexpected error; reference " + reference, this.clock.instant()));
		}
	}

	private void write(StaffPrincipal by, UUID jobId, List<String> types) {
		this.transaction
			.executeWithoutResult((status) -> this.jobs.started(by.clinicId(), jobId, this.clock.instant()));
		IParser parser = this.context.newJsonParser().setPrettyPrint(false);
		List<ExportPart> parts = new ArrayList<>();
		for (String type : types) {
			parts.add(new ExportPart(type, RESOURCES_PER_PART));
		}
		UUID after = null;
		while (true) {
			List<UUID> page = this.registry.idsAfter(by.clinicId(), after, PATIENTS_PER_PAGE);
			if (page.isEmpty()) {
				break;
			}
			for (UUID patientId : page) {
				Boolean going = this.transaction.execute((status) -> writePatient(by, jobId, patientId, parts, parser));
				if (!Boolean.TRUE.equals(going)) {
					return;
				}
			}
			after = page.get(page.size() - 1);
		}
		this.transaction.executeWithoutResult((status) -> {
			if (stillRunning(by, jobId)) {
				for (ExportPart part : parts) {
					if (!part.isEmpty()) {
						this.jobs.insertPart(by.clinicId(), jobId, part);
					}
				}
				this.jobs.done(by.clinicId(), jobId, this.clock.instant());
			}
		});
	}

	/**
	 * Adds one patient's resources to the parts, writes the parts that filled up, and
	 * audits the patient; the audit row comes last, so that the clinic's audit chain is
	 * held only for the end of the transaction.
	 * @return false when the export was cancelled or failed meanwhile
	 */
	private boolean writePatient(StaffPrincipal by, UUID jobId, UUID patientId, List<ExportPart> parts,
			IParser parser) {
		if (!stillRunning(by, jobId)) {
			return false;
		}
		List<String> written = new ArrayList<>();
		PatientRecord patient = this.records.of(by, patientId);
		for (ExportPart part : parts) {
			List<? extends IBaseResource> resources = this.compartments.get(part.resourceType()).ofPatient(patient);
			for (IBaseResource resource : resources) {
				part.add(parser.encodeResourceToString(resource));
				if (part.isFull()) {
					this.jobs.insertPart(by.clinicId(), jobId, part);
					part.next();
				}
			}
			if (!resources.isEmpty()) {
				written.add(part.resourceType() + " " + resources.size());
			}
		}
		this.jobs.progressed(by.clinicId(), jobId, this.clock.instant());
		if (!written.isEmpty()) {
			this.audit.record(by,
					AuditRecord.success("FHIR_EXPORT")
						.target("patient", patientId)
						.patient(patientId)
						.details(String.join(", ", written) + " in bulk export " + jobId));
		}
		return true;
	}

	private boolean stillRunning(StaffPrincipal by, UUID jobId) {
		return this.jobs.lockStatus(by.clinicId(), jobId).filter(ExportJob.RUNNING::equals).isPresent();
	}

}
