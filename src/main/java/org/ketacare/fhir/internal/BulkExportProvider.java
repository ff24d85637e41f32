package org.ketacare.fhir.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.ketacare.platform.AccessWasDenied;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * FHIR Bulk Data Access export (STU2) of the caller's clinic: kick-off at {@code $export}
 * and {@code Patient/$export}, a status URL to poll (and to DELETE to cancel), and one
 * NDJSON file per part of each resource type. Only physicians export, and only the
 * physician who started an export sees it.
 */
@Component
public class BulkExportProvider implements FhirOperations {

	static final String POLL_STATUS = "$export-poll-status";

	static final String FILE = "$export-file";

	static final String NDJSON = "application/fhir+ndjson";

	/** Seconds a client waits before polling again, or before starting another export. */
	private static final String RETRY_AFTER = "5";

	/**
	 * Seconds a client waits before asking again when the node's exports are all taken.
	 */
	private static final String RETRY_BUSY = "60";

	private final BulkExports exports;

	private final FhirCaller caller;

	private final FhirContext context;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	BulkExportProvider(BulkExports exports, FhirCaller caller, FhirContext context, JsonMapper json,
			ApplicationEventPublisher events) {
		this.exports = exports;
		this.caller = caller;
		this.context = context;
		this.json = json;
		this.events = events;
	}

	/** System-level export: every patient of the caller's clinic. */
	@Operation(name = "$export", manualResponse = true, idempotent = true,
			canonicalUrl = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export")
	public void export(ServletRequestDetails request) {
		kickOff(request);
	}

	/**
	 * Patient-level export: the same patients, since a clinic's data is all about them.
	 */
	@Operation(name = "$export", typeName = "Patient", manualResponse = true, idempotent = true,
			canonicalUrl = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export")
	public void patientExport(ServletRequestDetails request) {
		kickOff(request);
	}

	private void kickOff(ServletRequestDetails request) {
		StaffPrincipal by = physician(request);
		ExportRequest export = ExportRequest.parse(request.getParameters(), request.getHeader(ExportRequest.PREFER),
				request.getHeader(Constants.HEADER_ACCEPT), this.exports.exportable());
		UUID jobId;
		try {
			jobId = this.exports.start(by, export, request.getCompleteUrl());
		}
		catch (BulkExports.ExportAlreadyRunning ex) {
			UnclassifiedServerFailureException tooMany = new UnclassifiedServerFailureException(429, ex.getMessage());
			tooMany.addResponseHeader("Retry-After", RETRY_AFTER);
			throw tooMany;
		}
		catch (BulkExports.ExportQueueFull ex) {
			UnclassifiedServerFailureException busy = new UnclassifiedServerFailureException(429, ex.getMessage());
			busy.addResponseHeader("Retry-After", RETRY_BUSY);
			throw busy;
		}
		HttpServletResponse response = request.getServletResponse();
		response.setStatus(HttpServletResponse.SC_ACCEPTED);
		response.setHeader(Constants.HEADER_CONTENT_LOCATION, pollUrl(request, jobId));
	}

	/**
	 * Status of an export: 202 with its progress while it runs, 200 with the manifest
	 * when done, 500 with an OperationOutcome when it failed. DELETE cancels it.
	 */
	@Operation(name = POLL_STATUS, manualResponse = true, idempotent = true, deleteEnabled = true)
	public void pollStatus(ServletRequestDetails request) throws IOException {
		StaffPrincipal by = physician(request);
		UUID jobId = jobId(request);
		HttpServletResponse response = request.getServletResponse();
		if (request.getRequestType() == RequestTypeEnum.DELETE) {
			if (!this.exports.cancel(by, jobId)) {
				throw unknownExport(jobId);
			}
			response.setStatus(HttpServletResponse.SC_ACCEPTED);
			return;
		}
		ExportJob job = this.exports.find(by, jobId).orElseThrow(() -> unknownExport(jobId));
		switch (job.status()) {
			case ExportJob.RUNNING -> {
				response.setStatus(HttpServletResponse.SC_ACCEPTED);
				response.setHeader("X-Progress", job.progress());
				response.setHeader("Retry-After", RETRY_AFTER);
			}
			case ExportJob.DONE -> {
				response.setStatus(HttpServletResponse.SC_OK);
				response.setContentType("application/json");
				response.setCharacterEncoding(StandardCharsets.UTF_8.name());
				this.json.writeValue(response.getOutputStream(), manifest(request, by, job));
			}
			default -> {
				OperationOutcome outcome = new OperationOutcome();
				outcome.addIssue()
					.setSeverity(OperationOutcome.IssueSeverity.ERROR)
					.setCode(OperationOutcome.IssueType.EXCEPTION)
					.setDiagnostics(job.error());
				response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
				response.setContentType(Constants.CT_FHIR_JSON_NEW);
				response.setCharacterEncoding(StandardCharsets.UTF_8.name());
				try (Writer writer = response.getWriter()) {
					this.context.newJsonParser().encodeResourceToWriter(outcome, writer);
				}
			}
		}
	}

	/** One file of a finished export: a part of one resource type, as NDJSON. */
	@Operation(name = FILE, manualResponse = true, idempotent = true)
	public void file(ServletRequestDetails request) throws IOException {
		StaffPrincipal by = physician(request);
		UUID jobId = jobId(request);
		String type = single(request, "_type");
		int part;
		try {
			part = Integer.parseInt(single(request, "_part"));
		}
		catch (NumberFormatException ex) {
			throw new InvalidRequestException("_part must be the number of a part, such as 1");
		}
		String ndjson = this.exports.file(by, jobId, type, part)
			.orElseThrow(() -> new ResourceNotFoundException("No such file of a finished bulk export"));
		HttpServletResponse response = request.getServletResponse();
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(NDJSON);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		try (Writer writer = response.getWriter()) {
			writer.write(ndjson);
		}
	}

	private Manifest manifest(ServletRequestDetails request, StaffPrincipal by, ExportJob job) {
		List<Manifest.Output> output = this.exports.parts(by, job)
			.stream()
			.map((part) -> new Manifest.Output(part.resourceType(),
					request.getFhirServerBase() + "/" + FILE + "?_jobId=" + job.id() + "&_type=" + part.resourceType()
							+ "&_part=" + part.number(),
					part.count()))
			.toList();
		return new Manifest(job.transactionTime().toString(), job.requestUrl(), true, output, List.of());
	}

	/** The caller, when a physician; anyone else is refused, and the refusal audited. */
	private StaffPrincipal physician(ServletRequestDetails request) {
		StaffPrincipal by = this.caller.staff();
		if (!by.hasRole(Role.PHYSICIAN)) {
			this.events.publishEvent(new AccessWasDenied(
					request.getServletRequest().getMethod() + " " + request.getServletRequest().getRequestURI()));
			throw new ForbiddenOperationException("Only a physician may export the clinic's data");
		}
		return by;
	}

	private static UUID jobId(ServletRequestDetails request) {
		String id = single(request, "_jobId");
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw unknownExport(id);
		}
	}

	private static String single(ServletRequestDetails request, String name) {
		String[] values = request.getParameters().get(name);
		if (values == null || values.length != 1) {
			throw new InvalidRequestException(name + " is required, once");
		}
		return values[0];
	}

	private static ResourceNotFoundException unknownExport(Object jobId) {
		return new ResourceNotFoundException("Bulk export " + jobId + " is not known");
	}

	private static String pollUrl(ServletRequestDetails request, UUID jobId) {
		return request.getFhirServerBase() + "/" + POLL_STATUS + "?_jobId=" + jobId;
	}

	/** The Bulk Data complete-status body. */
	record Manifest(String transactionTime, String request, boolean requiresAccessToken, List<Output> output,
			List<Output> error) {

		record Output(String type, String url, int count) {
		}

	}

}
