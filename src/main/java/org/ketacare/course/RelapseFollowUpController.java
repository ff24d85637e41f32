package org.ketacare.course;

import java.util.UUID;

import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A physician acknowledges a relapse during follow-up from their home page.
 */
@Controller
@PreAuthorize("hasRole('PHYSICIAN')")
class RelapseFollowUpController {

	private final RelapseFollowUps followUps;

	RelapseFollowUpController(RelapseFollowUps followUps) {
		this.followUps = followUps;
	}

	@PostMapping("/relapses/{patientId}/acknowledge")
	String acknowledge(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId,
			RedirectAttributes redirect) {
		this.followUps.acknowledge(me, patientId);
		redirect.addFlashAttribute("message", "Relapse acknowledged");
		return "redirect:/";
	}

}
