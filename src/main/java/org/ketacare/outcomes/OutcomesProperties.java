package org.ketacare.outcomes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
}
