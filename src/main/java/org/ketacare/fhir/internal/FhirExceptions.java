package org.ketacare.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.ketacare.platform.AccessWasDenied;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;

/**
 * Our modules' exceptions as the FHIR answers they stand for, each with an
 * OperationOutcome: not found 404, not allowed 403 (audited like every refusal), bad
 * input 400.
 */
public class FhirExceptions {

	private final ApplicationEventPublisher events;

	public FhirExceptions(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException translate(Throwable thrown, HttpServletRequest request) {
		Throwable cause = thrown;
		while (cause.getCause() != null && !(cause instanceof NotFoundException)
				&& !(cause instanceof AccessDeniedException) && !(cause instanceof InvalidInputException)) {
			cause = cause.getCause();
		}
		if (cause instanceof NotFoundException) {
			return new ResourceNotFoundException(cause.getMessage() + " is not known");
		}
		if (cause instanceof AccessDeniedException) {
			this.events.publishEvent(new AccessWasDenied(request.getMethod() + " " + request.getRequestURI()));
			return new ForbiddenOperationException("Your role does not allow this");
		}
		if (cause instanceof InvalidInputException) {
			return new InvalidRequestException(cause.getMessage());
		}
		return (thrown instanceof BaseServerResponseException known) ? known : null;
	}

}
