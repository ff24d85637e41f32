package org.ketacare.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The one clock every module reads. {@code ketacare.clock.start} starts it at a chosen
 * instant and lets it run on from there, for demos, training and tests that need "the
 * morning of an appointment"; production refuses it.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ClockConfiguration.class);

	@Bean
	Clock clock(@Value("${ketacare.clock.start:}") String start, Environment environment) {
		if (start.isBlank()) {
			return Clock.systemUTC();
		}
		if (environment.matchesProfiles("prod")) {
			throw new IllegalStateException(
					"ketacare.clock.start is set, but the prod profile always runs on the real time; remove the setting");
		}
		Instant startInstant;
		try {
			startInstant = Instant.parse(start);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(
					"ketacare.clock.start must be an ISO-8601 instant such as 2026-03-02T13:30:00Z, was: " + start, ex);
		}
		Clock system = Clock.systemUTC();
		log.warn("Clock set: KetaCare's time starts at {} and runs on from there (ketacare.clock.start)", startInstant);
		return Clock.offset(system, Duration.between(system.instant(), startInstant));
	}

}
