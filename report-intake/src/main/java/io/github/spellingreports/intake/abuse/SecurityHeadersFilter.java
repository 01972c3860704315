package io.github.spellingreports.intake.abuse;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every response, errors included. Nothing of the intake may be framed or
 * sniffed; the widget script is meant to be loaded by other sites, so it alone is cross-origin.
 * The demo pages load only their own script and style sheet, with no inline script or style: the
 * widget's styles are a constructed style sheet, which no {@code style-src} governs, so the demo
 * shows it working under the strictest policy a site may have.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static final String DEMO_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static final Map<String, String> COMMON = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        COMMON.forEach(response::setHeader);
        String path = request.getRequestURI();
        boolean demo = path.equals("/demo") || path.startsWith("/demo/");
        response.setHeader("Content-Security-Policy", demo ? DEMO_POLICY : API_POLICY);
        response.setHeader("Cross-Origin-Resource-Policy", path.equals("/widget.js") ? "cross-origin" : "same-origin");
        chain.doFilter(request, new NoRepeatedHeaders(response));
    }

    private static final class NoRepeatedHeaders extends HttpServletResponseWrapper {

        NoRepeatedHeaders(HttpServletResponse response) {
            super(response);
        }

        /** A controller that adds one of these headers itself must not produce a doubled value. */
        @Override
        public void addHeader(String name, String value) {
            if (!value.equals(getHeader(name))) {
                super.addHeader(name, value);
            }
        }

    }

}
