package org.ketacare.clinic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Each staff member's own two-step sign-in: set it up with an authenticator app, see how
 * many recovery codes are left, turn it off. Someone whose role requires it and who has
 * not set it up lands here after the password and stays until it is on.
 */
@Controller
@PreAuthorize("isAuthenticated()")
class TwoStepController {

	private final SecondFactors secondFactors;

	TwoStepController(SecondFactors secondFactors) {
		this.secondFactors = secondFactors;
	}

	@GetMapping(SecondStepGate.ENROLMENT_PAGE)
	String show(@AuthenticationPrincipal StaffPrincipal me, Authentication authentication, Model model) {
		return page(me, authentication, Map.of(), model);
	}

	@PostMapping(SecondStepGate.ENROLMENT_PAGE + "/start")
	String start(@AuthenticationPrincipal StaffPrincipal me) {
		this.secondFactors.startEnrolment(me);
		return "redirect:" + SecondStepGate.ENROLMENT_PAGE;
	}

	@PostMapping(SecondStepGate.ENROLMENT_PAGE + "/confirm")
	String confirm(@AuthenticationPrincipal StaffPrincipal me, Authentication authentication,
			@RequestParam(defaultValue = "") String code, Model model, RedirectAttributes redirect,
			HttpServletRequest request, HttpServletResponse response) {
		try {
			List<String> recoveryCodes = this.secondFactors.confirm(me, code);
			if (authentication instanceof PendingSignIn) {
				SecondStepGate.complete(me, request, response);
			}
			redirect.addFlashAttribute("recoveryCodes", recoveryCodes);
			redirect.addFlashAttribute("message", "Two-step sign-in is on");
			return "redirect:" + SecondStepGate.ENROLMENT_PAGE;
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return page(me, authentication, errors(ex), model);
		}
	}

	@PostMapping(SecondStepGate.ENROLMENT_PAGE + "/disable")
	String disable(@AuthenticationPrincipal StaffPrincipal me, Authentication authentication,
			@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String code, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			this.secondFactors.disable(me, password, code);
			redirect.addFlashAttribute("message", "Two-step sign-in is off: you sign in with your password alone");
			return "redirect:" + SecondStepGate.ENROLMENT_PAGE;
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return page(me, authentication, errors(ex), model);
		}
	}

	@PostMapping(SecondStepGate.ENROLMENT_PAGE + "/recovery-codes")
	String renewRecoveryCodes(@AuthenticationPrincipal StaffPrincipal me, Authentication authentication,
			@RequestParam(defaultValue = "") String renewPassword, @RequestParam(defaultValue = "") String renewCode,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			redirect.addFlashAttribute("recoveryCodes",
					this.secondFactors.renewRecoveryCodes(me, renewPassword, renewCode));
			redirect.addFlashAttribute("message", "New recovery codes: the earlier ones no longer work");
			return "redirect:" + SecondStepGate.ENROLMENT_PAGE;
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			// This form's fields, apart from the turn-off form's on the same page.
			Map<String, String> errors = new LinkedHashMap<>();
			errors(ex).forEach((field, message) -> errors.put(switch (field) {
				case "password" -> "renewPassword";
				case "code" -> "renewCode";
				default -> field;
			}, message));
			return page(me, authentication, errors, model);
		}
	}

	private String page(StaffPrincipal me, Authentication authentication, Map<String, String> errors, Model model) {
		boolean mustEnrol = authentication instanceof PendingSignIn;
		if (mustEnrol) {
			// Nothing else is reachable until two-step sign-in is on, so no links to it.
			model.addAttribute("navigation", List.of());
		}
		model.addAttribute("mustEnrol", mustEnrol);
		model.addAttribute("overview", this.secondFactors.overview(me));
		model.addAttribute("errors", errors);
		return "clinic/two-step";
	}

	private static Map<String, String> errors(InvalidInputException ex) {
		Map<String, String> errors = new LinkedHashMap<>();
		ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
		return errors;
	}

}
