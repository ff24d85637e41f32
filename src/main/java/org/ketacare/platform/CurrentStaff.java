package org.ketacare.platform;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The staff member of the current request, for code that is not handed the principal by
 * Spring MVC.
 */
public final class CurrentStaff {

	private CurrentStaff() {
	}

	public static Optional<StaffPrincipal> find() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal principal) {
			return Optional.of(principal);
		}
		return Optional.empty();
	}

}
