package org.ketacare.fhir.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/**
 * A bulk export kick-off request, checked against what the Bulk Data Access specification
 * asks and what we support: the caller must accept an asynchronous answer, may name the
 * types wanted and NDJSON as the format, and nothing else.
 *
 * @param types the resource types to export, in the order asked for
 */
record ExportRequest(List<String> types) {

	static final String PREFER = "Prefer";

	static final String RESPOND_ASYNC = "respond-async";

	private static final Set<String> OUTPUT_FORMATS = Set.of("application/fhir+ndjson", "application/ndjson", "ndjson");

	private static final Set<String> ACCEPTED = Set.of("application/fhir+json", "application/json+fhir",
			"application/json", "application/*", "*/*");

	/**
	 * The request, or a 400 naming the header or parameter that is wrong.
	 * @param parameters the query parameters as the servlet decoded them
	 * @param prefer the {@code Prefer} header, or {@code null}
	 * @param accept the {@code Accept} header, or {@code null}
	 * @param exportable the types we export, in the order they are written when the
	 * caller names none
	 */
	static ExportRequest parse(Map<String, String[]> parameters, String prefer, String accept,
			List<String> exportable) {
		if (prefer == null || !tokens(prefer).contains(RESPOND_ASYNC)) {
			throw new InvalidRequestException("A bulk export needs the header 'Prefer: respond-async'");
		}
		if (accept != null && !accept.isBlank() && tokens(accept).stream().noneMatch(ACCEPTED::contains)) {
			throw new InvalidRequestException("A bulk export answers in application/fhir+json; Accept was " + accept);
		}
		List<String> types = exportable;
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String[] values = parameter.getValue();
			switch (parameter.getKey()) {
				case "_outputFormat" -> outputFormat(values);
				case "_type" -> types = types(values, exportable);
				case "_since" -> throw new InvalidRequestException(
						"_since is not supported: our records carry no last-updated time, so every export is complete");
				default -> throw new InvalidRequestException("The bulk export parameter " + parameter.getKey()
						+ " is not supported (supported: _outputFormat, _type)");
			}
		}
		return new ExportRequest(List.copyOf(types));
	}

	private static void outputFormat(String[] values) {
		// A '+' that the client did not encode arrives as a space.
		if (values.length != 1 || !OUTPUT_FORMATS.contains(values[0].trim().replace(' ', '+'))) {
			throw new InvalidRequestException(
					"_outputFormat must be application/fhir+ndjson (or application/ndjson, ndjson)");
		}
	}

	private static List<String> types(String[] values, List<String> exportable) {
		Set<String> types = new LinkedHashSet<>();
		for (String value : values) {
			for (String type : value.split(",", -1)) {
				String name = type.trim();
				if (!exportable.contains(name)) {
					throw new InvalidRequestException(
							"_type " + (name.isEmpty() ? "is empty" : name + " is not exported")
									+ "; the types exported are " + String.join(", ", exportable));
				}
				types.add(name);
			}
		}
		return new ArrayList<>(types);
	}

	/** The values of a header's comma-separated list, without their parameters. */
	private static List<String> tokens(String header) {
		List<String> tokens = new ArrayList<>();
		for (String item : header.split(",")) {
			tokens.add(item.split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
		}
		return tokens;
	}

}
