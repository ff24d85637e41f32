package org.ketacare.clinic;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a page session a fixed time after sign-in however busy it is (ASVS 3.3.2), in
 * addition to the idle timeout: the time of sign-in is noted in the session, read from
 * the application clock, and a request after the lifetime is answered by the sign-in
 * page. Not a bean, so that it runs only in the page security chain.
 */
class AbsoluteSessionLifetime extends OncePerRequestFilter implements SessionAuthenticationStrategy {

	/** The session attribute holding the {@link Instant} of sign-in. */
	static final String SIGNED_IN_AT = AbsoluteSessionLifetime.class.getName() + ".SIGNED_IN_AT";

	private final Duration lifetime;

	private final Clock clock;

	private final AuditLog audit;

	AbsoluteSessionLifetime(Duration lifetime, Clock clock, AuditLog audit) {
		this.lifetime = lifetime;
		this.clock = clock;
		this.audit = audit;
	}

	/** Notes the time of a sign-in in its session. */
	@Override
	public void onAuthentication(Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		request.getSession().setAttribute(SIGNED_IN_AT, this.clock.instant());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (session != null && authentication != null
				&& authentication.getPrincipal() instanceof StaffPrincipal principal) {
			Instant now = this.clock.instant();
			if (!(session.getAttribute(SIGNED_IN_AT) instanceof Instant signedInAt)) {
				// A session signed in before the lifetime was introduced counts from now.
				session.setAttribute(SIGNED_IN_AT, now);
			}
			else if (!now.isBefore(signedInAt.plus(this.lifetime))) {
				session.invalidate();
				SecurityContextHolder.clearContext();
				this.audit.record(principal, AuditRecord.success("SESSION_EXPIRED")
					.details("signed in at " + signedInAt + "; sessions last at most " + this.lifetime));
				response.sendRedirect(request.getContextPath() + "/login?expired");
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
