package org.ketacare.outcomes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.platform.InvalidInputException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The patient's own page behind a personal link: no sign-in, nothing but the
 * questionnaire (no name, no clinic data), made for a phone. An unknown, used or expired
 * link gets the same answer, so a guessed token learns nothing.
 */
@Controller
class PatientLinkController {

	private final QuestionnaireLinks links;

	private final Instruments instruments;

	PatientLinkController(QuestionnaireLinks links, Instruments instruments) {
		this.links = links;
		this.instruments = instruments;
	}

	@GetMapping("/q/{token}")
	String show(@PathVariable String token, Model model, HttpServletResponse response) {
		return this.links.open(token)
			.map((link) -> form(model, token, this.instruments.find(link.instrument()).orElseThrow(), Map.of(),
					Map.of()))
			.orElseGet(() -> closed(response));
	}

	@PostMapping("/q/{token}")
	String answer(@PathVariable String token, @RequestParam Map<String, String> params, Model model,
			HttpServletResponse response) {
		QuestionnaireLinks.Link link = this.links.open(token).orElse(null);
		if (link == null) {
			return closed(response);
		}
		Instrument instrument = this.instruments.find(link.instrument()).orElseThrow();
		Map<String, String> errors = new LinkedHashMap<>();
		List<Integer> answers = AnswerForm.answers(instrument, params, errors);
		if (errors.isEmpty()) {
			try {
				this.links.answer(token, answers);
				return "redirect:/q/done";
			}
			catch (InvalidInputException ex) {
				errors.putAll(AnswerForm.errors(ex.errors()));
			}
			catch (QuestionnaireLinks.LinkClosedException ex) {
				return closed(response);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return form(model, token, instrument, AnswerForm.chosen(answers), errors);
	}

	@GetMapping("/q/done")
	String done(HttpServletRequest request, Model model) {
		String next = KioskController.next(request.getSession(false));
		model.addAttribute("kiosk", next != null);
		model.addAttribute("next", (next != null && !next.isEmpty()) ? next : null);
		return "outcomes/link-done";
	}

	private String form(Model model, String token, Instrument instrument, Map<String, Integer> chosen,
			Map<String, String> errors) {
		model.addAttribute("token", token);
		model.addAttribute("instrument", instrument);
		model.addAttribute("chosen", chosen);
		model.addAttribute("errors", errors);
		return "outcomes/link";
	}

	private String closed(HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		return "outcomes/link-closed";
	}

}
