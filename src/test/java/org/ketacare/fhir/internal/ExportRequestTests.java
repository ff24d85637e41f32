package org.ketacare.fhir.internal;

import java.util.List;
import java.util.Map;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExportRequestTests {

	private static final List<String> EXPORTABLE = List.of("Patient", "Encounter", "Observation");

	@Test
	void withoutParametersEveryTypeIsExported() {
		assertThat(parse(Map.of(), "respond-async", null).types()).isEqualTo(EXPORTABLE);
	}

	@Test
	void typesAreTheOnesNamedInTheirOrderOnce() {
		assertThat(parse(Map.of("_type", new String[] { "Observation, Patient", "Observation" }), "respond-async",
				"application/fhir+json")
			.types()).containsExactly("Observation", "Patient");
	}

	@Test
	void theAsyncPreferenceIsRequiredAmongOthers() {
		assertThat(parse(Map.of(), "handling=strict, respond-async", "*/*").types()).isEqualTo(EXPORTABLE);
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> parse(Map.of(), null, null))
			.withMessageContaining("Prefer: respond-async");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> parse(Map.of(), "return=minimal", null));
	}

	@Test
	void theAnswerIsFhirJson() {
		assertThat(parse(Map.of(), "respond-async", "application/fhir+json;q=0.9, application/fhir+xml").types())
			.isEqualTo(EXPORTABLE);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> parse(Map.of(), "respond-async", "application/fhir+xml"))
			.withMessageContaining("Accept");
	}

	@Test
	void ndjsonIsTheOnlyOutputFormatUnderAnyOfItsNames() {
		for (String format : List.of("application/fhir+ndjson", "application/fhir ndjson", "application/ndjson",
				"ndjson")) {
			assertThat(parse(Map.of("_outputFormat", new String[] { format }), "respond-async", null).types())
				.isEqualTo(EXPORTABLE);
		}
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> parse(Map.of("_outputFormat", new String[] { "text/csv" }), "respond-async", null));
	}

	@Test
	void unknownTypesSinceAndOtherParametersAreRefusedByName() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> parse(Map.of("_type", new String[] { "Patient,Group" }), "respond-async", null))
			.withMessageContaining("Group is not exported");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> parse(Map.of("_type", new String[] { "Patient," }), "respond-async", null))
			.withMessageContaining("_type is empty");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> parse(Map.of("_since", new String[] { "2024-01-01" }), "respond-async", null))
			.withMessageContaining("_since is not supported");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> parse(Map.of("_elements", new String[] { "id" }), "respond-async", null))
			.withMessageContaining("_elements is not supported");
	}

	private static ExportRequest parse(Map<String, String[]> parameters, String prefer, String accept) {
		return ExportRequest.parse(parameters, prefer, accept, EXPORTABLE);
	}

}
