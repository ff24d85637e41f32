package org.ketacare.clinic;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Change password" page, for every signed-in staff member.
 */
@Controller
@PreAuthorize("isAuthenticated()")
class OwnPasswordController {

	private static final Map<String, String> LABELS = Map.of("currentPassword", "Current password", "password",
			"New password", "passwordRepeat", "Repeat the new password");

	private final OwnPassword ownPassword;

	OwnPasswordController(OwnPassword ownPassword) {
		this.ownPassword = ownPassword;
	}

	@GetMapping("/account/password")
	String initForm(Model model) {
		model.addAttribute("errors", Map.of());
		model.addAttribute("labels", LABELS);
		return "clinic/change-password";
	}

	@PostMapping("/account/password")
	String processForm(@AuthenticationPrincipal StaffPrincipal me,
			@RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String passwordRepeat, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		try {
			this.ownPassword.change(me, currentPassword, password, passwordRepeat, request.getSession().getId());
		}
		catch (InvalidInputException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("errors", errors);
			model.addAttribute("labels", LABELS);
			return "clinic/change-password";
		}
		// The session goes on under a new id, as after a sign-in.
		request.changeSessionId();
		redirect.addFlashAttribute("message",
				"Your password is changed. Your other sessions and API tokens have ended; sign in there again.");
		return "redirect:/account/password";
	}

}
