package org.ketacare.clinic;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The clinic's settings for scripts and other systems: every staff member may read the
 * numbers their clinic works by.
 */
@RestController
class SettingsApiController {

	private final ClinicSettings settings;

	SettingsApiController(ClinicSettings settings) {
		this.settings = settings;
	}

	@GetMapping("/api/v1/settings")
	List<SettingValue> all(@AuthenticationPrincipal StaffPrincipal me) {
		return this.settings.overview(me.clinicId())
			.stream()
			.map((state) -> SettingValue.of(state.definition(), state.value(), state.isDefault()))
			.toList();
	}

	@GetMapping("/api/v1/settings/{key}")
	SettingValue one(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String key,
			@RequestParam(required = false) String at) {
		SettingDefinition definition = this.settings.definition(key);
		Instant when;
		try {
			when = (at != null) ? Instant.parse(at) : null;
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("at", "must be an ISO-8601 instant such as 2026-03-02T13:30:00Z");
		}
		String value = (when != null) ? this.settings.valueAt(me.clinicId(), key, when)
				: this.settings.value(me.clinicId(), key);
		return SettingValue.of(definition, value, null);
	}

	record SettingValue(String key, String label, String group, String type, String value, String unit,
			String defaultValue, Boolean isDefault, boolean clinical, String source) {

		static SettingValue of(SettingDefinition definition, String value, Boolean isDefault) {
			return new SettingValue(definition.key(), definition.label(), definition.group(), definition.type().name(),
					value, definition.unit(), definition.defaultValue(), isDefault, definition.clinical(),
					definition.source());
		}

	}

}
