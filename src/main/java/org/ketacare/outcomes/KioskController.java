package org.ketacare.outcomes;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;

import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The kiosk page on a clinic tablet: staff choose today's patient, the tablet goes to the
 * patient's questionnaires, and comes back here when they are answered. The staff session
 * stays signed in; the questionnaire pages show nothing but the questions.
 */
@Controller
@PreAuthorize("hasAnyRole('NURSE', 'INTAKE')")
class KioskController {

	/**
	 * The session's tokens still to answer on this tablet; present (maybe empty) while
	 * the tablet is in kiosk mode.
	 */
	static final String QUEUE = KioskController.class.getName() + ".queue";

	private final Kiosk kiosk;

	KioskController(Kiosk kiosk) {
		this.kiosk = kiosk;
	}

	@GetMapping("/outcomes/kiosk")
	String list(@AuthenticationPrincipal StaffPrincipal me, Model model, HttpSession session) {
		session.removeAttribute(QUEUE);
		model.addAttribute("entries", this.kiosk.today(me));
		model.addAttribute("zone", me.clinicZone());
		return "outcomes/kiosk";
	}

	@PostMapping("/outcomes/kiosk/{appointmentId}")
	String start(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID appointmentId, HttpSession session) {
		List<String> tokens = new ArrayList<>(this.kiosk.start(me, appointmentId));
		String first = tokens.remove(0);
		session.setAttribute(QUEUE, tokens);
		return "redirect:/q/" + first;
	}

	/**
	 * What the tablet does after a questionnaire: the next token to answer, or {@code ""}
	 * to hand the tablet back; {@code null} when this is not a kiosk session.
	 */
	@SuppressWarnings("unchecked")
	static String next(HttpSession session) {
		if (session == null || !(session.getAttribute(QUEUE) instanceof List<?> stored)) {
			return null;
		}
		List<String> queue = new ArrayList<>((List<String>) stored);
		if (queue.isEmpty()) {
			return "";
		}
		String next = queue.remove(0);
		session.setAttribute(QUEUE, queue);
		return next;
	}

}
