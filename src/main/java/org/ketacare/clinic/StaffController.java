package org.ketacare.clinic;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff administration pages for the clinic administrator.
 */
@Controller
@PreAuthorize("hasRole('CLINIC_ADMIN')")
class StaffController {

	private static final Map<String, String> NEW_STAFF_LABELS = Map.of("username", "Username", "displayName",
			"Full name", "roles", "Roles", "password", "Password", "passwordRepeat", "Repeat the password");

	private final StaffDirectory directory;

	private final Validator validator;

	private final SecondFactors secondFactors;

	StaffController(StaffDirectory directory, Validator validator, SecondFactors secondFactors) {
		this.directory = directory;
		this.validator = validator;
		this.secondFactors = secondFactors;
	}

	@GetMapping("/admin/staff")
	String list(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		model.addAttribute("staff", this.directory.list(me.clinicId()));
		model.addAttribute("twoStep", this.secondFactors.enrolledIn(me.clinicId()));
		return "clinic/staff-list";
	}

	@GetMapping("/admin/staff/new")
	String initCreationForm(Model model) {
		model.addAttribute("form", new LinkedHashMap<String, Object>());
		model.addAttribute("selectedRoles", Set.of());
		model.addAttribute("errors", Map.of());
		model.addAttribute("allRoles", Role.values());
		model.addAttribute("labels", NEW_STAFF_LABELS);
		return "clinic/staff-new";
	}

	@PostMapping("/admin/staff")
	String processCreationForm(@AuthenticationPrincipal StaffPrincipal me,
			@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String displayName,
			@RequestParam(required = false) List<Role> roles, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String passwordRepeat, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		Set<Role> chosen = (roles != null && !roles.isEmpty()) ? EnumSet.copyOf(roles) : Set.of();
		NewStaffMember command = new NewStaffMember(username.strip().toLowerCase(java.util.Locale.ROOT), displayName,
				chosen, password);
		Map<String, String> errors = new LinkedHashMap<>();
		for (ConstraintViolation<NewStaffMember> violation : this.validator.validate(command)) {
			errors.putIfAbsent(violation.getPropertyPath().toString(), violation.getMessage());
		}
		if (!errors.containsKey("password")) {
			try {
				PasswordPolicy.check("password", password, command.username(), displayName, me.clinicName());
			}
			catch (InvalidInputException ex) {
				ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
			}
		}
		if (!password.equals(passwordRepeat)) {
			errors.putIfAbsent("passwordRepeat", "does not match the password");
		}
		if (errors.isEmpty()) {
			try {
				StaffMember created = this.directory.create(me, command);
				redirect.addFlashAttribute("message",
						"Added " + created.displayName() + " (" + created.username() + ")");
				return "redirect:/admin/staff/" + created.id();
			}
			catch (InvalidInputException ex) {
				ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("form", Map.of("username", username, "displayName", displayName));
		model.addAttribute("selectedRoles", chosen);
		model.addAttribute("errors", errors);
		model.addAttribute("allRoles", Role.values());
		model.addAttribute("labels", NEW_STAFF_LABELS);
		return "clinic/staff-new";
	}

	@GetMapping("/admin/staff/{staffId}")
	String show(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID staffId, Model model) {
		return detail(me, this.directory.get(me.clinicId(), staffId), Map.of(), model);
	}

	@PostMapping("/admin/staff/{staffId}/roles")
	String changeRoles(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID staffId,
			@RequestParam(required = false) List<Role> roles, @RequestParam int version, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		Set<Role> chosen = (roles != null && !roles.isEmpty()) ? EnumSet.copyOf(roles) : Set.of();
		return apply(me, staffId, model, redirect, response, "Roles saved",
				() -> this.directory.changeRoles(me, staffId, chosen, version));
	}

	@PostMapping("/admin/staff/{staffId}/deactivate")
	String deactivate(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID staffId, @RequestParam int version,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return apply(me, staffId, model, redirect, response, "Deactivated: they can no longer sign in",
				() -> this.directory.deactivate(me, staffId, version));
	}

	@PostMapping("/admin/staff/{staffId}/reactivate")
	String reactivate(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID staffId, @RequestParam int version,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return apply(me, staffId, model, redirect, response, "Reactivated",
				() -> this.directory.reactivate(me, staffId, version));
	}

	@PostMapping("/admin/staff/{staffId}/password")
	String resetPassword(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID staffId,
			@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String passwordRepeat,
			@RequestParam int version, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!password.equals(passwordRepeat)) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return detail(me, this.directory.get(me.clinicId(), staffId),
					Map.of("passwordRepeat", "does not match the password"), model);
		}
		return apply(me, staffId, model, redirect, response, "Password reset; any lockout is lifted",
				() -> this.directory.resetPassword(me, staffId, password, version));
	}

	@PostMapping("/admin/staff/{staffId}/two-step/reset")
	String resetTwoStep(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID staffId,
			@RequestParam int version, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return apply(me, staffId, model, redirect, response,
				"Two-step sign-in reset: their sessions and tokens are ended, and they sign in with the password",
				() -> this.secondFactors.reset(me, staffId, version));
	}

	@PostMapping("/admin/staff/{staffId}/two-step/required")
	String requireTwoStep(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID staffId,
			@RequestParam(defaultValue = "false") boolean required, @RequestParam int version, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return apply(me, staffId, model, redirect, response,
				required ? "Two-step sign-in is required of them" : "Two-step sign-in is left to their role",
				() -> this.secondFactors.requireForPerson(me, staffId, required, version));
	}

	private String apply(StaffPrincipal me, UUID staffId, Model model, RedirectAttributes redirect,
			HttpServletResponse response, String message, Runnable change) {
		try {
			change.run();
			redirect.addFlashAttribute("message", message);
			return "redirect:/admin/staff/" + staffId;
		}
		catch (InvalidInputException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return detail(me, this.directory.get(me.clinicId(), staffId), errors, model);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			return detail(me, this.directory.get(me.clinicId(), staffId), Map.of("conflict", ex.getMessage()), model);
		}
	}

	private String detail(StaffPrincipal me, StaffMember member, Map<String, String> errors, Model model) {
		model.addAttribute("member", member);
		model.addAttribute("twoStep", this.secondFactors.forMember(member));
		model.addAttribute("errors", errors);
		model.addAttribute("allRoles", Role.values());
		model.addAttribute("isSelf", member.id().equals(me.staffId()));
		return "clinic/staff-detail";
	}

}
