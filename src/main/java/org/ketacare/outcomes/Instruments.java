package org.ketacare.outcomes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.ketacare.platform.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The instruments this installation knows: the definitions shipped in
 * {@code classpath:instruments/} and those in the folder
 * {@code ketacare.outcomes.instrument-directory}. Every definition is checked at
 * start-up; one broken definition, or two with the same code, stops the start with the
 * file and the problems named.
 */
@Component
@EnableConfigurationProperties(OutcomesProperties.class)
public class Instruments {

	private static final Logger log = LoggerFactory.getLogger(Instruments.class);

	private final Map<String, Instrument> byCode;

	Instruments(OutcomesProperties properties) throws IOException {
		List<Source> sources = new ArrayList<>();
		Resource[] shipped = new PathMatchingResourcePatternResolver().getResources("classpath*:instruments/*.json");
		for (Resource resource : shipped) {
			try (InputStream in = resource.getInputStream()) {
				sources.add(new Source("classpath:instruments/" + resource.getFilename(),
						new String(in.readAllBytes(), StandardCharsets.UTF_8)));
			}
		}
		if (!properties.instrumentDirectory().isBlank()) {
			Path directory = Path.of(properties.instrumentDirectory()).toAbsolutePath();
			if (!Files.isDirectory(directory)) {
				throw new IllegalStateException(
						"ketacare.outcomes.instrument-directory is not a readable folder: " + directory);
			}
			try (Stream<Path> files = Files.list(directory)) {
				for (Path file : files.filter((f) -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
					sources.add(new Source(file.toString(), Files.readString(file)));
				}
			}
		}
		this.byCode = load(sources);
		log.info("Instruments: {}", String.join(", ", this.byCode.keySet()));
	}

	static Map<String, Instrument> load(List<Source> sources) {
		Map<String, Instrument> instruments = new LinkedHashMap<>();
		Map<String, String> origins = new LinkedHashMap<>();
		for (Source source : sources) {
			Instrument instrument = InstrumentDefinitions.parse(source.origin(), source.json());
			// Codes are compared ignoring case: other systems (FHIR ids, file names) may
			// only tell them apart in lower case.
			String earlier = origins.putIfAbsent(instrument.code().toLowerCase(Locale.ROOT), source.origin());
			if (earlier != null) {
				throw new InstrumentDefinitions.InvalidDefinitionException(source.origin(),
						List.of("code: " + instrument.code() + " is already defined by " + earlier
								+ " (codes differing only in case count as the same)"));
			}
			instruments.put(instrument.code(), instrument);
		}
		Map<String, Instrument> sorted = new LinkedHashMap<>();
		instruments.values()
			.stream()
			.sorted(Comparator.comparing(Instrument::code))
			.forEach((instrument) -> sorted.put(instrument.code(), instrument));
		return sorted;
	}

	public List<Instrument> all() {
		return List.copyOf(this.byCode.values());
	}

	public Optional<Instrument> find(String code) {
		return Optional.ofNullable((code != null) ? this.byCode.get(code) : null);
	}

	/**
	 * The instrument with this code.
	 * @throws InvalidInputException naming {@code field} when there is none
	 */
	public Instrument get(String code, String field) {
		return find(code).orElseThrow(
				() -> new InvalidInputException(field, "must be one of " + String.join(", ", this.byCode.keySet())));
	}

	record Source(String origin, String json) {
	}

}
