package io.github.spellingreports.intake.abuse;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses browser requests from pages of sites not in {@code spelling.intake.allowed-origins} with a
 * 403 problem: an {@code Origin} that is not allowed, or {@code Sec-Fetch-Site: cross-site} without
 * any {@code Origin}. Requests with neither header (curl, servers) pass; their {@code pageUrl} is
 * checked against the same list later. Runs before CORS handling, whose own refusal has no problem body.
 */
class BrowserOriginFilter extends OncePerRequestFilter {

    private final Set<String> allowedOrigins;

    private final HandlerExceptionResolver problems;

    private final Refusals refusals;

    BrowserOriginFilter(List<String> allowedOrigins, HandlerExceptionResolver problems, Refusals refusals) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.problems = problems;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        boolean refused = origin != null ? !allowedOrigins.contains(origin)
                : "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"));
        if (refused) {
            refusals.foreignOrigin();
            problems.resolveException(request, response, null, new ForbiddenOriginException());
            return;
        }
        chain.doFilter(request, response);
    }

}
