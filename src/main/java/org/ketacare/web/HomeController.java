package org.ketacare.web;

import java.util.List;

import org.ketacare.course.RelapseFollowUps;
import org.ketacare.fhir.BulkExportActivity;
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

	private final RelapseFollowUps relapses;

	private final BulkExportActivity exports;

	HomeController(SafetyAlerts safetyAlerts, RelapseFollowUps relapses, BulkExportActivity exports) {
		this.safetyAlerts = safetyAlerts;
		this.relapses = relapses;
		this.exports = exports;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		model.addAttribute("safetyAlerts", this.safetyAlerts.openFor(me));
		model.addAttribute("relapses", this.relapses.openFor(me));
		model.addAttribute("bulkExports", this.exports.watches(me) ? this.exports.recent(me) : List.of());
		model.addAttribute("zone", me.clinicZone());
		model.addAttribute("tasks",
				Navigation.forStaff(me).stream().filter((item) -> !item.path().equals("/")).toList());
		return "home";
	}

}
