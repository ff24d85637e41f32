package org.ketacare.fhir.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/**
 * Refuses any request body with a document type declaration. HAPI's parser already
 * ignores DTDs and never resolves external entities; refusing them outright means a body
 * is never read in a way its sender did not intend.
 */
public class DocumentTypeGuard {

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean refuseDocumentTypes(RequestDetails request) {
		byte[] body = request.loadRequestContents();
		if (body != null && body.length > 0
				&& new String(body, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT).contains("<!DOCTYPE")) {
			throw new InvalidRequestException("Request bodies may not contain a document type declaration (DTD)");
		}
		return true;
	}

}
