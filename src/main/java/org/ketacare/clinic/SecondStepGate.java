package org.ketacare.clinic;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Between the password and the second step, only the page of that step, sign-out and
 * static files are reachable; every other request is sent back to the step. Completing
 * the step swaps the session id (as the password step did) and stores the full sign-in.
 */
final class SecondStepGate extends OncePerRequestFilter {

	static final String CODE_PAGE = "/login/code";

	static final String ENROLMENT_PAGE = "/account/two-step";

	private static final List<String> OPEN_PATHS = List.of("/login", "/logout", "/error", "/favicon.ico");

	private static final List<String> OPEN_PREFIXES = List.of("/css/", "/js/");

	/**
	 * Where the sign-in filter keeps the context by default, as the page chain uses it.
	 */
	private static final SecurityContextRepository CONTEXTS = new DelegatingSecurityContextRepository(
			new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContextHolderStrategy()
			.getContext()
			.getAuthentication();
		if (authentication instanceof PendingSignIn pending) {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			if (!open(path, pending.path())) {
				response.sendRedirect(request.getContextPath() + pending.path());
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean open(String path, String stepPage) {
		return path.equals(stepPage) || path.startsWith(stepPage + "/") || OPEN_PATHS.contains(path)
				|| OPEN_PREFIXES.stream().anyMatch(path::startsWith);
	}

	/** After the password: home, or the page of the second step. */
	static AuthenticationSuccessHandler afterPassword() {
		return (request, response, authentication) -> {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
			}
			String target = (authentication instanceof PendingSignIn pending) ? pending.path() : "/";
			response.sendRedirect(request.getContextPath() + target);
		};
	}

	/**
	 * Signs the person in fully after their second step, under a new session id so that a
	 * session id seen before the step is worth nothing after it.
	 */
	static void complete(StaffPrincipal principal, HttpServletRequest request, HttpServletResponse response) {
		request.changeSessionId();
		SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
		SecurityContext context = holder.createEmptyContext();
		context.setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities()));
		holder.setContext(context);
		CONTEXTS.saveContext(context, request, response);
	}

}
