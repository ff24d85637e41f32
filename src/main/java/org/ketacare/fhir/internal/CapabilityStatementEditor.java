package org.ketacare.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Makes the CapabilityStatement HAPI generates say exactly what we support: HAPI
 * advertises {@code _include} and {@code _revinclude} for every type although our
 * searches refuse them, and names neither the publisher nor how to authenticate.
 */
public class CapabilityStatementEditor {

	static final String SEARCHING = """
			Every search pages with `_count` (default %d, at most %d) and the bundle's `next` link; \
			searches other than Patient also take `_sort=date` or `_sort=-date`. `_include`, `_revinclude`, \
			chained parameters and modifiers other than those listed are refused with 400."""
		.formatted(Paging.DEFAULT_COUNT, Paging.MAX_COUNT);

	static final String SECURITY = """
			Bearer tokens from `POST /api/v1/auth/token` (a staff member's username and password); the caller \
			sees only their own clinic's data, and every response carrying a patient's data is audited.""";

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void describe(IBaseConformance generated) {
		CapabilityStatement statement = (CapabilityStatement) generated;
		statement.setName("KetaCareFhirApi");
		statement.setTitle("KetaCare FHIR API");
		statement.setPublisher("KetaCare");
		for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
			rest.setDocumentation(SEARCHING);
			rest.getSecurity().setCors(false).setDescription(SECURITY);
			for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
				resource.getSearchInclude().clear();
				resource.getSearchRevInclude().clear();
			}
		}
	}

}
