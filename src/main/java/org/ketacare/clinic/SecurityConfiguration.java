package org.ketacare.clinic;

import java.time.Clock;

import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.Problems;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may reach what. Pages use a database-backed session with a sign-in form and CSRF
 * tokens; the API and FHIR take bearer tokens only, never the session cookie. Which role
 * may do what is declared on each controller with {@code @PreAuthorize}, next to the code
 * it guards.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
			+ "base-uri 'self'; object-src 'none'";

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt today; the {id} prefix lets a stronger hash take over without
		// invalidating stored passwords.
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	AuthenticationManager authenticationManager(StaffAuthentication staffAuthentication) {
		return new ProviderManager(staffAuthentication);
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens) throws Exception {
		AuthenticationManager bearerTokens = (authentication) -> {
			String token = ((BearerTokenAuthenticationToken) authentication).getToken();
			StaffPrincipal principal = tokens.authenticate(token)
				.orElseThrow(() -> new InvalidBearerTokenException("The bearer token is unknown or has expired"));
			return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities());
		};
		AuthenticationEntryPoint unauthorized = (request, response, ex) -> {
			response.setHeader("WWW-Authenticate", "Bearer");
			Problems.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
					"Sign in with POST /api/v1/auth/token and send the token as 'Authorization: Bearer <token>'");
		};
		AccessDeniedHandler forbidden = (request, response, ex) -> Problems.write(response, HttpStatus.FORBIDDEN,
				"Forbidden", "Your role does not allow this");
		http.securityMatcher("/api/**", "/fhir/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, "/api/v1/auth/token")
				.permitAll()
				.anyRequest()
				.authenticated())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(
					(context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.requestCache((cache) -> cache.disable())
			.oauth2ResourceServer((bearer) -> bearer.authenticationManagerResolver((request) -> bearerTokens)
				.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(forbidden))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pageSecurity(HttpSecurity http, AuditLog audit, StaffSecurityProperties properties, Clock clock)
			throws Exception {
		AbsoluteSessionLifetime lifetime = new AbsoluteSessionLifetime(properties.sessionAbsoluteTimeout(), clock,
				audit);
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/error", "/actuator/health",
					"/actuator/health/**", "/actuator/prometheus")
			.permitAll()
			// A patient's personal questionnaire link: the token in the path is the
			// authorisation; the form keeps its CSRF token.
			.requestMatchers("/q/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(SecondStepGate.afterPassword())
				.failureUrl("/login?error"))
			.addFilterBefore(new SecondStepGate(), AuthorizationFilter.class)
			.logout((logout) -> logout.logoutUrl("/logout").addLogoutHandler((request, response, authentication) -> {
				if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal principal) {
					audit.record(AuditRecord.success("SIGN_OUT").asActor(AuditRecord.Actor.of(principal)));
				}
			}).logoutSuccessUrl("/login?signedOut").deleteCookies("SESSION"))
			.sessionManagement((sessions) -> sessions.invalidSessionUrl("/login?expired")
				.addSessionAuthenticationStrategy(lifetime))
			.addFilterBefore(lifetime, ExceptionTranslationFilter.class)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frames) -> frames.deny()));
		return http.build();
	}

}
