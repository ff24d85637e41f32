package org.ketacare.clinic;

import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.ketacare.platform.Role;

/**
 * What a clinic administrator gives to add a staff member.
 */
public record NewStaffMember(
		@NotBlank(message = "is required") @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}",
				message = "must be 3–64 lowercase letters, digits, dots, hyphens or underscores") String username,
		@NotBlank(message = "is required") @Size(max = 200,
				message = "must be at most 200 characters") String displayName,
		@NotEmpty(message = "choose at least one role") Set<Role> roles,
		@NotBlank(message = "is required") String password) {
}
