package io.github.spellingreports.intake.abuse;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(BrowserOriginFilter.class);

    /** Origins logged at most: a flood from made-up origins writes this many lines, no more. */
    static final int LOGGED_ORIGINS = 100;

    private final Set<String> allowedOrigins;

    /** Refused origins already logged: a site's every page view is not a line of its own. */
    private final FirstSeen loggedOrigins = new FirstSeen(LOGGED_ORIGINS);

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
            logFirstRefusal(origin == null ? "none (a cross-site page without an Origin header)"
                    : "null".equals(origin) ? "null (a sandboxed frame or a local file)" : origin);
            problems.resolveException(request, response, null, new ForbiddenOriginException());
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Says once per origin, in the log, which origin was refused and what lets it in: the usual
     * mistake of a site's set-up is its pages on {@code www.} while the intake takes the bare host,
     * or on http while it takes https; the widget keeps such reports and tries them again.
     */
    private void logFirstRefusal(String origin) {
        String shown = printable(origin);
        if (loggedOrigins.first(shown)) {
            log.info("Refused reports: origin {} is not in spelling.intake.allowed-origins "
                    + "(logged once per origin; each refusal is counted in spelling_intake_refused_total{reason=\"origin\"})",
                    shown);
        }
    }

    /** @return the header's first 200 characters, a character outside printable ASCII as {@code ?} */
    private static String printable(String origin) {
        StringBuilder shown = new StringBuilder(Math.min(origin.length(), 200));
        for (int i = 0; i < origin.length() && i < 200; i++) {
            char c = origin.charAt(i);
            shown.append((c >= 0x20 && c < 0x7F) ? c : '?');
        }
        return shown.toString();
    }

}
