package io.github.spellingreports.worker.config;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a change through the API that a web page of another site made a browser send. The API
 * has no CSRF token (no cookie authenticates it), but a browser that was asked for HTTP Basic once
 * (an administrator who opened {@code /api/v1/lag}) sends those credentials with every request to
 * the worker until it closes, a form another site submits included: that form could replay every
 * dead letter or send a digest. Browsers say where a request comes from in {@code Sec-Fetch-Site},
 * older ones in {@code Origin} alone; scripts and the command line send neither and are not affected.
 */
final class CrossSiteApiFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String site = request.getHeader("Sec-Fetch-Site");
        // a browser without Sec-Fetch-Site (Safari before 16.4) still names the page's origin: no page of the
        // worker's own calls the API, so a change that comes with an origin comes from another site's page
        boolean fromAPage = (site != null) ? "cross-site".equalsIgnoreCase(site) || "same-site".equalsIgnoreCase(site)
                : request.getHeader(HttpHeaders.ORIGIN) != null;
        if (!SAFE_METHODS.contains(request.getMethod()) && fromAPage) {
            SecurityConfiguration.writeProblem(response, HttpStatus.FORBIDDEN, "Forbidden",
                    "A page of another site cannot change anything through the API: call it from a script or the command line.",
                    request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }

}
