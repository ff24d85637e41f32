package org.ketacare.clinic;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of signing in: the code from the authenticator app, or a recovery code.
 * Reached only with the right password (see {@link SecondStepGate}).
 */
@Controller
@PreAuthorize("isAuthenticated()")
class SignInCodeController {

	static final String WRONG_CODE = "is wrong or was used already, or the account is locked after repeated failures";

	private final SecondFactors secondFactors;

	SignInCodeController(SecondFactors secondFactors) {
		this.secondFactors = secondFactors;
	}

	@GetMapping(SecondStepGate.CODE_PAGE)
	String form(Authentication authentication, Model model) {
		if (!awaitsCode(authentication)) {
			return "redirect:/";
		}
		model.addAttribute("errors", Map.of());
		return "clinic/sign-in-code";
	}

	@PostMapping(SecondStepGate.CODE_PAGE)
	String submit(Authentication authentication, @RequestParam(defaultValue = "") String code, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		if (!awaitsCode(authentication)) {
			return "redirect:/";
		}
		PendingSignIn pending = (PendingSignIn) authentication;
		if (this.secondFactors.completeSignIn(pending.getPrincipal(), code)) {
			SecondStepGate.complete(pending.getPrincipal(), request, response);
			return "redirect:/";
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("errors", Map.of("code", WRONG_CODE));
		return "clinic/sign-in-code";
	}

	private static boolean awaitsCode(Authentication authentication) {
		return authentication instanceof PendingSignIn pending && pending.step() == SecondFactors.Step.CODE;
	}

}
