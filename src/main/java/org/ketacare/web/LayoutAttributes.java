package org.ketacare.web;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;

import org.ketacare.platform.CurrentStaff;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout shows on every page: who is signed in, their clinic and its local time,
 * and where they can go.
 */
@ControllerAdvice
class LayoutAttributes {

	private final Clock clock;

	LayoutAttributes(Clock clock) {
		this.clock = clock;
	}

	@ModelAttribute
	void addLayout(org.springframework.ui.Model model) {
		CurrentStaff.find().ifPresent((me) -> {
			model.addAttribute("me", me);
			model.addAttribute("myRoles", me.roles().stream().map(Enum::name).toList());
			model.addAttribute("navigation", Navigation.forStaff(me));
			model.addAttribute("clinicNow", ZonedDateTime.now(this.clock.withZone(me.clinicZone())));
		});
		if (!model.containsAttribute("navigation")) {
			model.addAttribute("navigation", List.of());
		}
	}

}
