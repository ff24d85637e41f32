package org.ketacare.web;

import org.ketacare.outcomes.SafetyAlerts;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page and each role's home page.
 */
@Controller
class HomeController {

	private final SafetyAlerts safetyAlerts;

	HomeController(SafetyAlerts safetyAlerts) {
		this.safetyAlerts = safetyAlerts;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		model.addAttribute("safetyAlerts", this.safetyAlerts.openFor(me));
		model.addAttribute("tasks",
				Navigation.forStaff(me).stream().filter((item) -> !item.path().equals("/")).toList());
		return "home";
	}

}
