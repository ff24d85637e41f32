package org.ketacare.outcomes;

import java.net.URI;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * Installation configuration of measurement-based care. Clinical numbers are clinic
 * settings ({@link OutcomeSettings}), not configuration.
 *
 * @param instrumentDirectory a folder of further instrument definitions ({@code *.json},
 * the format of {@code classpath:instruments/}); empty for none
 * @param publicUrl where patients reach this installation, for the personal links sent
 * before follow-up visits
 */
@ConfigurationProperties("ketacare.outcomes")
record OutcomesProperties(@DefaultValue("") String instrumentDirectory,
		@DefaultValue("http://localhost:8080") String publicUrl) {

	/**
	 * Refuses, under the prod profile, a public address patients could not reach safely:
	 * the demo default, a local address, or one without TLS would send patients links
	 * that fail or leak their answers.
	 * @throws IllegalStateException naming the setting and the rule
	 */
	void requireReachableBy(Environment environment) {
		if (!environment.matchesProfiles("prod")) {
			return;
		}
		URI url;
		try {
			url = URI.create(this.publicUrl.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					"ketacare.outcomes.public-url must be an https address, was: " + this.publicUrl, ex);
		}
		String host = (url.getHost() != null) ? url.getHost().toLowerCase(Locale.ROOT) : "";
		if (!"https".equalsIgnoreCase(url.getScheme()) || host.isEmpty() || host.equals("localhost")
				|| host.startsWith("127.") || host.equals("[::1]")) {
			throw new IllegalStateException(
					"ketacare.outcomes.public-url must be the https address patients reach this installation at, such as"
							+ " https://care.example.org; was: " + this.publicUrl);
		}
	}

}
