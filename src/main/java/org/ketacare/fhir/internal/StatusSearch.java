package org.ketacare.fhir.internal;

import java.util.LinkedHashSet;
import java.util.Set;

import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/**
 * A {@code status} search: one or more codes of the resource's status value set, with or
 * without its system, and no modifier.
 */
final class StatusSearch {

	private StatusSearch() {
	}

	/**
	 * The codes asked for, or {@code null} when the search does not filter by status.
	 * @throws InvalidRequestException for a modifier, another system or an unknown code
	 */
	static Set<String> codes(TokenOrListParam status, String system, Set<String> known) {
		if (status == null) {
			return null;
		}
		Set<String> codes = new LinkedHashSet<>();
		for (TokenParam token : status.getValuesAsQueryTokens()) {
			if (token.getModifier() != null || token.getMissing() != null) {
				throw new InvalidRequestException("The status parameter takes codes only, without a modifier");
			}
			if (token.getSystem() != null && !token.getSystem().equals(system)) {
				throw new InvalidRequestException("The status parameter's system, if given, must be " + system);
			}
			if (!known.contains(token.getValue())) {
				throw new InvalidRequestException("The status parameter must be one of " + known);
			}
			codes.add(token.getValue());
		}
		return codes;
	}

}
