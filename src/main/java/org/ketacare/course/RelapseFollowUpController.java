package org.ketacare.course;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.platform.InvalidInputException;
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
 * A physician records the decision on a relapse during follow-up, from their home page.
 */
@Controller
@PreAuthorize("hasRole('PHYSICIAN')")
class RelapseFollowUpController {

	private final RelapseFollowUps followUps;

	RelapseFollowUpController(RelapseFollowUps followUps) {
		this.followUps = followUps;
	}

	@GetMapping("/relapses/{patientId}")
	String show(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId, Model model) {
		return page(me, patientId, "", Map.of(), model);
	}

	@PostMapping("/relapses/{patientId}/acknowledge")
	String acknowledge(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId,
			@RequestParam(defaultValue = "") String decision, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			this.followUps.acknowledge(me, patientId, decision);
			redirect.addFlashAttribute("message", "Relapse acknowledged");
			return "redirect:/";
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			Map<String, String> errors = new LinkedHashMap<>();
			ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
			return page(me, patientId, decision, errors, model);
		}
	}

	private String page(StaffPrincipal me, UUID patientId, String decision, Map<String, String> errors, Model model) {
		model.addAttribute("relapse", this.followUps.open(me, patientId));
		model.addAttribute("decision", decision);
		model.addAttribute("errors", errors);
		model.addAttribute("zone", me.clinicZone());
		return "course/relapse";
	}

}
