package org.ketacare.fhir;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.ketacare.fhir.internal.CapabilityStatementEditor;
import org.ketacare.fhir.internal.DocumentTypeGuard;
import org.ketacare.fhir.internal.FhirExceptions;
import org.ketacare.fhir.internal.FhirOperations;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Puts HAPI's plain RestfulServer at {@code /fhir/*} with one provider per resource type,
 * and the operations that belong to no single type (such as the bulk export). Scheduling
 * runs the sweep that deletes old export files. Spring Security's API chain has already
 * authenticated the bearer token when a request reaches it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class FhirConfiguration {

	@Bean
	FhirContext fhirContext() {
		return FhirContext.forR4Cached();
	}

	@Bean
	ServletRegistrationBean<RestfulServer> fhirServlet(FhirContext context, List<IResourceProvider> providers,
			List<FhirOperations> operations, ApplicationEventPublisher events) {
		RestfulServer server = new RestfulServer(context);
		server.setServerName("KetaCare FHIR API");
		server.setImplementationDescription("KetaCare: patients, visits, vital signs, scores and doses as FHIR R4");
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		server.setResourceProviders(providers);
		server.registerProviders(operations);
		server.registerInterceptor(new FhirExceptions(events));
		server.registerInterceptor(new DocumentTypeGuard());
		server.registerInterceptor(new CapabilityStatementEditor());
		ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}

}
