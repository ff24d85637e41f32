package org.ketacare.clinic;

import java.util.Set;

import org.ketacare.platform.Role;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Installation settings of two-step sign-in.
 *
 * @param secondFactorKey base64 of the 32-byte AES key that encrypts the staff's TOTP
 * secrets; required in the {@code prod} profile, elsewhere a fixed development key is
 * used
 * @param secondFactorRequiredRoles roles whose holders must use two-step sign-in
 */
@ConfigurationProperties("ketacare.security")
record SecondFactorProperties(@DefaultValue("") String secondFactorKey,
		@DefaultValue("") Set<Role> secondFactorRequiredRoles) {

	SecondFactorProperties {
		secondFactorRequiredRoles = Set.copyOf(secondFactorRequiredRoles);
	}

	/** Whether someone with these roles must use two-step sign-in. */
	boolean requiredFor(Set<Role> roles) {
		return roles.stream().anyMatch(this.secondFactorRequiredRoles::contains);
	}

}
