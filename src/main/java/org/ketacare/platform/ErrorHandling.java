package org.ketacare.platform;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Maps each kind of failure once: {@code application/problem+json} for the API, an error
 * page for people, and never a stack trace to either.
 */
@ControllerAdvice
class ErrorHandling {

	private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

	private final ApplicationEventPublisher events;

	ErrorHandling(ApplicationEventPublisher events) {
		this.events = events;
	}

	@ExceptionHandler(NotFoundException.class)
	Object notFound(NotFoundException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), List.of());
	}

	@ExceptionHandler(NoResourceFoundException.class)
	Object noResource(NoResourceFoundException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.NOT_FOUND, "Not found", "There is nothing at " + request.getRequestURI(),
				List.of());
	}

	@ExceptionHandler(ConflictException.class)
	Object conflict(ConflictException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.CONFLICT, "Conflict", ex.getMessage(), List.of());
	}

	@ExceptionHandler(RuleViolationException.class)
	Object ruleViolated(RuleViolationException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.UNPROCESSABLE_CONTENT, "Rule violated", ex.getMessage(), List.of());
	}

	@ExceptionHandler(InvalidInputException.class)
	Object invalid(InvalidInputException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.BAD_REQUEST, "Invalid input", ex.getMessage(), ex.errors());
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	Object invalidBody(MethodArgumentNotValidException ex, HttpServletRequest request) {
		List<InvalidInputException.FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new InvalidInputException.FieldError(error.getField(), error.getDefaultMessage()))
			.toList();
		return respond(request, HttpStatus.BAD_REQUEST, "Invalid input", new InvalidInputException(errors).getMessage(),
				errors);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	Object invalidParameters(HandlerMethodValidationException ex, HttpServletRequest request) {
		List<InvalidInputException.FieldError> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new InvalidInputException.FieldError(result.getMethodParameter().getParameterName(),
						error.getDefaultMessage())))
			.toList();
		return respond(request, HttpStatus.BAD_REQUEST, "Invalid input", new InvalidInputException(errors).getMessage(),
				errors);
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	Object missingParameter(MissingServletRequestParameterException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.BAD_REQUEST, "Invalid input", ex.getParameterName() + ": is required",
				List.of(new InvalidInputException.FieldError(ex.getParameterName(), "is required")));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	Object typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		String message = "has the wrong format"
				+ ((ex.getRequiredType() != null) ? " (expected " + ex.getRequiredType().getSimpleName() + ")" : "");
		return respond(request, HttpStatus.BAD_REQUEST, "Invalid input", ex.getName() + ": " + message,
				List.of(new InvalidInputException.FieldError(ex.getName(), message)));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	Object unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.BAD_REQUEST, "Invalid input",
				"The request body is not valid JSON, or a field has the wrong type", List.of());
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	Object unsupportedMediaType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
				"Send the body as application/json", List.of());
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	Object methodNotAllowed(HttpRequestMethodNotSupportedException ex, HttpServletRequest request,
			HttpServletResponse response) {
		// RFC 9110 requires a 405 to name the methods that the resource does support.
		String allow = ex.getHeaders().getFirst(HttpHeaders.ALLOW);
		if (allow != null) {
			response.setHeader(HttpHeaders.ALLOW, allow);
		}
		return respond(request, HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
				ex.getMethod() + " is not supported here", List.of());
	}

	@ExceptionHandler(AccessDeniedException.class)
	Object accessDenied(AccessDeniedException ex, HttpServletRequest request) {
		this.events.publishEvent(new AccessWasDenied(request.getMethod() + " " + request.getRequestURI()));
		return respond(request, HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this", List.of());
	}

	@ExceptionHandler(Exception.class)
	Object unexpected(Exception ex, HttpServletRequest request) {
		String reference = UUID.randomUUID().toString();
		log.error("Unexpected error {} on {} {}", reference, request.getMethod(), request.getRequestURI(), ex);
		return respond(request, HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error",
				"Something went wrong on our side; nothing was saved. Reference: " + reference, List.of());
	}

	private Object respond(HttpServletRequest request, HttpStatus status, String title, String detail,
			List<InvalidInputException.FieldError> errors) {
		if (Problems.isApiRequest(request)) {
			ProblemDetail problem = Problems.problem(status, title, detail, errors);
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		ModelAndView page = new ModelAndView("error",
				Map.of("status", status.value(), "error", title, "message", detail, "errors", errors));
		page.setStatus(status);
		return page;
	}

}
