package org.ketacare.fhir.internal;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IIdType;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.CurrentStaff;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The staff member behind a FHIR request, and the audit of what they were shown: one row
 * per patient whose data a response carries.
 */
@Component
public class FhirCaller {

	private final AuditLog audit;

	private final PatientRegistry registry;

	private final TransactionTemplate transaction;

	FhirCaller(AuditLog audit, PatientRegistry registry, PlatformTransactionManager transactions) {
		this.audit = audit;
		this.registry = registry;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Runs a read and the audit rows it writes in one transaction: a response is never
	 * sent without its audit rows, and a failed read leaves none.
	 */
	public <T> T read(Supplier<T> work) {
		return this.transaction.execute((status) -> work.get());
	}

	/**
	 * The patient a search names, when the caller's clinic has them. The caller audits
	 * the read once the data is loaded, so a refused search leaves no read behind.
	 */
	public Optional<UUID> patientOf(StaffPrincipal by, ReferenceParam reference) {
		if (reference.getResourceType() != null && !"Patient".equals(reference.getResourceType())) {
			throw new InvalidRequestException("The patient parameter must name a Patient");
		}
		if (reference.getChain() != null) {
			throw new InvalidRequestException("Chained patient searches are not supported");
		}
		UUID patientId;
		try {
			patientId = UUID.fromString(reference.getIdPart());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return Optional.empty();
		}
		try {
			this.registry.get(by.clinicId(), patientId);
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
		return Optional.of(patientId);
	}

	/** The signed-in staff member; the security chain lets no one else through. */
	public StaffPrincipal staff() {
		return CurrentStaff.find().orElseThrow(() -> new AuthenticationException("Sign in with a bearer token"));
	}

	/** Records that the caller was shown this patient's data through FHIR. */
	public void shown(StaffPrincipal by, String resourceType, UUID patientId, String details) {
		this.audit.record(by,
				AuditRecord.success("FHIR_READ")
					.target("patient", patientId)
					.patient(patientId)
					.details(resourceType + " " + details));
	}

	/**
	 * Our id for a FHIR id; anything that is not one of ours is simply not found.
	 */
	public static UUID uuid(IIdType id) {
		return uuid(id.getResourceType(), id.getIdPart());
	}

	public static UUID uuid(String resourceType, String idPart) {
		try {
			return UUID.fromString(idPart);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw notFound(resourceType, idPart);
		}
	}

	public static ResourceNotFoundException notFound(String resourceType, String idPart) {
		return new ResourceNotFoundException(resourceType + "/" + idPart + " is not known");
	}

}
