package io.github.spellingreports.worker.config;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Where the console sends a browser it cannot serve. Without a login: to the login page, which
 * says so when the browser came with a session that has ended (timed out, or the worker
 * restarted), and also that what it sent was not saved when that was a form (Spring Security
 * replays only a GET after the login). A form whose CSRF token belonged to such a session is
 * treated the same, except a one-click link's: that needs no login, so its confirmation page opens
 * again, with a token that works. Any other refusal gets the console's "Not allowed" page.
 */
class ConsoleEntryPoint extends LoginUrlAuthenticationEntryPoint implements AccessDeniedHandler {

    static final String LOGIN_PAGE = "/console/login";

    static final String ENDED_PAGE = LOGIN_PAGE + "?expired";

    static final String ENDED_UNSAVED_PAGE = LOGIN_PAGE + "?expired&unsaved";

    /** The one-click links of digest mails ({@code LinkController}), usable without a login. */
    private static final RequestMatcher ONE_CLICK_LINK = PathPatternRequestMatcher.pathPattern("/console/links/**");

    private final AccessDeniedHandlerImpl deniedPage = new AccessDeniedHandlerImpl();

    ConsoleEntryPoint(String deniedPage) {
        super(LOGIN_PAGE);
        this.deniedPage.setErrorPage(deniedPage);
    }

    @Override
    protected String determineUrlToUseForThisRequest(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) {
        if (!sessionEnded(request)) {
            return LOGIN_PAGE;
        }
        return HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod()) ? ENDED_PAGE
                : ENDED_UNSAVED_PAGE;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        if (denied instanceof CsrfException && ONE_CLICK_LINK.matches(request)) {
            String query = request.getQueryString();
            // "again": the page says why it is back; the signed parameters stay as they were
            response.sendRedirect(request.getRequestURI() + "?" + ((query != null) ? query + "&" : "") + "again");
            return;
        }
        if (denied instanceof CsrfException && sessionEnded(request)) {
            response.sendRedirect(request.getContextPath() + ENDED_UNSAVED_PAGE);
            return;
        }
        this.deniedPage.handle(request, response, denied);
    }

    private static boolean sessionEnded(HttpServletRequest request) {
        return request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
    }

}
