package org.ketacare.clinic;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sign-in protects staff accounts.
 *
 * @param maxFailedAttempts failed sign-ins in a row that lock an account
 * @param lockoutDuration how long a locked account stays locked
 * @param sessionIdleTimeout how long a page session lasts without a request
 * @param sessionAbsoluteTimeout how long a page session lasts after sign-in, however busy
 * @param tokenLifetime how long an API bearer token is valid
 */
@ConfigurationProperties("ketacare.security")
record StaffSecurityProperties(@DefaultValue("5") int maxFailedAttempts, @DefaultValue("15m") Duration lockoutDuration,
		@DefaultValue("15m") Duration sessionIdleTimeout, @DefaultValue("12h") Duration sessionAbsoluteTimeout,
		@DefaultValue("1h") Duration tokenLifetime) {

	StaffSecurityProperties {
		if (maxFailedAttempts < 1) {
			throw new IllegalArgumentException("ketacare.security.max-failed-attempts must be at least 1");
		}
		if (sessionAbsoluteTimeout.isNegative() || sessionAbsoluteTimeout.isZero()) {
			throw new IllegalArgumentException("ketacare.security.session-absolute-timeout must be positive");
		}
	}

}
