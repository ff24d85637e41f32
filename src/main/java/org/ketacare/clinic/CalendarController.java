package org.ketacare.clinic;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.ketacare.platform.ConflictException;
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
 * Rooms with their opening hours and staff working hours, kept by the clinic
 * administrator. Each weekday is a pair of fields {@code from-MONDAY}/{@code to-MONDAY};
 * both empty means closed or not working that day.
 */
@Controller
@PreAuthorize("hasRole('CLINIC_ADMIN')")
class CalendarController {

	private final ClinicCalendar calendar;

	CalendarController(ClinicCalendar calendar) {
		this.calendar = calendar;
	}

	@GetMapping("/admin/rooms")
	String rooms(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		return roomsPage(me, model, Map.of(), Map.of());
	}

	@PostMapping("/admin/rooms")
	String addRoom(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(defaultValue = "") String name,
			@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		Map<String, String> errors = new LinkedHashMap<>();
		List<WeeklyHours> hours = week(form, errors);
		if (errors.isEmpty()) {
			try {
				Room room = this.calendar.addRoom(me, name, hours);
				redirect.addFlashAttribute("message", "Added " + room.name());
				return "redirect:/admin/rooms";
			}
			catch (InvalidInputException ex) {
				ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return roomsPage(me, model, errors, form);
	}

	@GetMapping("/admin/rooms/{roomId}")
	String room(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID roomId, Model model) {
		Room room = this.calendar.room(me.clinicId(), roomId);
		return roomPage(room, model, Map.of(), formOf(room.openingHours()));
	}

	@PostMapping("/admin/rooms/{roomId}")
	String changeRoom(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID roomId,
			@RequestParam(defaultValue = "false") boolean active, @RequestParam int version,
			@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		Room room = this.calendar.room(me.clinicId(), roomId);
		Map<String, String> errors = new LinkedHashMap<>();
		List<WeeklyHours> hours = week(form, errors);
		if (errors.isEmpty()) {
			try {
				this.calendar.changeRoom(me, roomId, active, hours, version);
				redirect.addFlashAttribute("message", "Saved " + room.name());
				return "redirect:/admin/rooms";
			}
			catch (InvalidInputException ex) {
				ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.message()));
			}
			catch (ConflictException ex) {
				response.setStatus(HttpServletResponse.SC_CONFLICT);
				return roomPage(room, model, Map.of("conflict", ex.getMessage()), form);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return roomPage(room, model, errors, form);
	}

	@GetMapping("/admin/working-hours")
	String workingHours(@AuthenticationPrincipal StaffPrincipal me, Model model) {
		model.addAttribute("staff", this.calendar.workingHours(me.clinicId()));
		model.addAttribute("days", DayOfWeek.values());
		return "clinic/working-hours";
	}

	@GetMapping("/admin/working-hours/{staffId}")
	String staffHours(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID staffId, Model model) {
		StaffHours staff = staffHours(me, staffId);
		return staffHoursPage(staff, model, Map.of(), formOf(staff.hours()));
	}

	@PostMapping("/admin/working-hours/{staffId}")
	String changeStaffHours(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID staffId,
			@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		StaffHours staff = staffHours(me, staffId);
		Map<String, String> errors = new LinkedHashMap<>();
		List<WeeklyHours> hours = week(form, errors);
		if (errors.isEmpty()) {
			this.calendar.changeWorkingHours(me, staffId, hours);
			redirect.addFlashAttribute("message", "Saved the working hours of " + staff.displayName());
			return "redirect:/admin/working-hours";
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return staffHoursPage(staff, model, errors, form);
	}

	private StaffHours staffHours(StaffPrincipal me, UUID staffId) {
		return this.calendar.workingHours(me.clinicId())
			.stream()
			.filter((staff) -> staff.staffId().equals(staffId))
			.findFirst()
			.orElseThrow(() -> new org.ketacare.platform.NotFoundException("Staff member " + staffId));
	}

	private String roomsPage(StaffPrincipal me, Model model, Map<String, String> errors, Map<String, String> form) {
		model.addAttribute("rooms", this.calendar.rooms(me.clinicId()));
		model.addAttribute("days", DayOfWeek.values());
		model.addAttribute("errors", errors);
		model.addAttribute("form", form);
		return "clinic/rooms";
	}

	private String roomPage(Room room, Model model, Map<String, String> errors, Map<String, String> form) {
		model.addAttribute("room", room);
		model.addAttribute("days", DayOfWeek.values());
		model.addAttribute("errors", errors);
		model.addAttribute("form", form);
		return "clinic/room";
	}

	private String staffHoursPage(StaffHours staff, Model model, Map<String, String> errors, Map<String, String> form) {
		model.addAttribute("staff", staff);
		model.addAttribute("days", DayOfWeek.values());
		model.addAttribute("errors", errors);
		model.addAttribute("form", form);
		return "clinic/staff-hours";
	}

	static Map<String, String> formOf(List<WeeklyHours> hours) {
		Map<String, String> form = new LinkedHashMap<>();
		for (WeeklyHours period : hours) {
			form.put("from-" + period.day(), period.from().toString());
			form.put("to-" + period.day(), period.to().toString());
		}
		return form;
	}

	/**
	 * The week in the form, one period per day that has both times; every problem is
	 * named by its field.
	 */
	static List<WeeklyHours> week(Map<String, String> form, Map<String, String> errors) {
		List<WeeklyHours> hours = new ArrayList<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			String fromField = "from-" + day;
			String toField = "to-" + day;
			LocalTime from = time(form.get(fromField), fromField, errors);
			LocalTime to = time(form.get(toField), toField, errors);
			if (from == null && to == null) {
				continue;
			}
			if (from == null || to == null) {
				errors.putIfAbsent((from == null) ? fromField : toField, "give both times, or neither for a day off");
			}
			else if (!to.isAfter(from)) {
				errors.putIfAbsent(toField, "must be after the start time");
			}
			else {
				hours.add(new WeeklyHours(day, from, to));
			}
		}
		return hours;
	}

	private static LocalTime time(String text, String field, Map<String, String> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalTime.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			errors.putIfAbsent(field, "must be a time such as 08:00");
			return null;
		}
	}

}
