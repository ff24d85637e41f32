package org.ketacare.platform;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details, the one error format of the API.
 */
public final class Problems {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	public static boolean isApiRequest(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/api/") || path.startsWith("/fhir/");
	}

	public static ProblemDetail problem(HttpStatus status, String title, String detail,
			List<InvalidInputException.FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		if (!errors.isEmpty()) {
			problem.setProperty("errors",
					errors.stream()
						.map((error) -> Map.of("field", error.field(), "message", error.message()))
						.toList());
		}
		return problem;
	}

	/**
	 * Writes a problem outside Spring MVC, where the security filters answer before any
	 * controller runs.
	 */
	public static void write(HttpServletResponse response, HttpStatus status, String title, String detail)
			throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", title);
		body.put("status", status.value());
		body.put("detail", detail);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(JSON.writeValueAsString(body));
	}

}
