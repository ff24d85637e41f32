package org.ketacare.clinic;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.ketacare.platform.Problems;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in for scripts and other systems, and who the caller is.
 */
@RestController
class AuthApiController {

	private final AuthenticationManager authenticationManager;

	private final ApiTokens tokens;

	private final SecondFactors secondFactors;

	AuthApiController(AuthenticationManager authenticationManager, ApiTokens tokens, SecondFactors secondFactors) {
		this.authenticationManager = authenticationManager;
		this.tokens = tokens;
		this.secondFactors = secondFactors;
	}

	@PostMapping(path = "/api/v1/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> token(@Valid @RequestBody TokenRequest request) {
		Authentication authentication;
		try {
			authentication = this.authenticationManager.authenticate(
					UsernamePasswordAuthenticationToken.unauthenticated(request.username(), request.password()));
		}
		catch (AuthenticationException ex) {
			return unauthorized();
		}
		StaffPrincipal principal = (StaffPrincipal) authentication.getPrincipal();
		if (authentication instanceof PendingSignIn pending) {
			if (pending.step() == SecondFactors.Step.ENROL) {
				return ResponseEntity.status(HttpStatus.FORBIDDEN)
					.contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.body(Problems.problem(HttpStatus.FORBIDDEN, "Forbidden",
							"Two-step sign-in is required for you: set it up on the page "
									+ SecondStepGate.ENROLMENT_PAGE + " first",
							List.of()));
			}
			// A wrong or missing code gets the answer a wrong password gets: the
			// answer must not confirm that the password was right.
			if (!this.secondFactors.completeSignIn(principal, request.oneTimeCode())) {
				return unauthorized();
			}
		}
		ApiTokens.IssuedToken issued = this.tokens.issue(principal);
		return ResponseEntity.ok()
			.header("Cache-Control", "no-store")
			.body(Map.of("access_token", issued.accessToken(), "token_type", "Bearer", "expires_in",
					issued.expiresInSeconds()));
	}

	private static ResponseEntity<ProblemDetail> unauthorized() {
		ProblemDetail problem = Problems.problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
				StaffAuthentication.FAILURE_MESSAGE, List.of());
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@GetMapping("/api/v1/me")
	Me me(@AuthenticationPrincipal StaffPrincipal principal) {
		return new Me(principal.username(), principal.displayName(),
				principal.roles().stream().sorted().map(Enum::name).toList(),
				new Me.ClinicView(principal.clinicSlug(), principal.clinicName(), principal.clinicZone().getId()));
	}

	/**
	 * @param oneTimeCode the code from the authenticator app (or a recovery code), for
	 * staff who use two-step sign-in
	 */
	record TokenRequest(@NotBlank(message = "is required") String username,
			@NotBlank(message = "is required") String password, String oneTimeCode) {
	}

	record Me(String username, String displayName, List<String> roles, ClinicView clinic) {

		record ClinicView(String slug, String name, String timeZone) {
		}

	}

}
