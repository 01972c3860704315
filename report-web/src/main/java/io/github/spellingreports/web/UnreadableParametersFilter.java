package io.github.spellingreports.web;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Parameters Tomcat cannot read get a 400 that says so, before anything else asks for them. Tomcat
 * parses a request's parameters (its query and a posted form) when they are first asked for, and
 * what it cannot read ({@code ?q=%FF}, a word percent-encoded in windows-1251 as old Russian sites
 * link it, more parameters than {@code server.tomcat.max-parameter-count}) fails that first call,
 * made by a controller's {@code @RequestParam} or an actuator endpoint, whose error handling knows
 * it only as an exception: a 500. Asked for here, first, the failure is the client's and is
 * answered as one: an RFC 9457 problem detail, or a short page when a browser asks for HTML.
 */
public class UnreadableParametersFilter extends OncePerRequestFilter {

    static final String NOT_UTF8_DETAIL = "A parameter of the request is not text in UTF-8: its percent-encoded bytes "
            + "(%FF, say, or a word encoded in windows-1251) are not characters. Encode parameters in UTF-8, as browsers "
            + "do (curl does with -G --data-urlencode 'q=...').";

    static final String NOT_UTF8_PAGE = "The address of this page holds text this server cannot read (a link written "
            + "for another character set, perhaps). Check the link, or go to the page from the site itself.";

    static final String TOO_MANY_DETAIL = "The request has more parameters than the server reads.";

    static final String UNREADABLE_DETAIL = "The request's parameters could not be read.";

    static final String TOO_LARGE_DETAIL = "The request's form is larger than the server reads.";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        }
        catch (InvalidParameterException ex) {
            refuse(request, response, ex);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, InvalidParameterException ex)
            throws IOException {
        HttpStatus status = (ex.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) ? HttpStatus.CONTENT_TOO_LARGE
                : HttpStatus.BAD_REQUEST;
        boolean page = Browsers.askForHtml(request.getHeader("Accept"));
        String detail;
        if (status == HttpStatus.CONTENT_TOO_LARGE) {
            detail = TOO_LARGE_DETAIL;
        }
        else if (ex.getCause() instanceof CharacterCodingException) {
            detail = page ? NOT_UTF8_PAGE : NOT_UTF8_DETAIL;
        }
        else if (ex.getCause() == null) {
            // Tomcat's only refusal of its own, without a cause: server.tomcat.max-parameter-count
            detail = TOO_MANY_DETAIL;
        }
        else {
            // the form could not be read to its end (the client went away, a broken multipart body)
            detail = UNREADABLE_DETAIL;
        }
        response.setStatus(status.value());
        ErrorAnswers.HEADERS.forEach(response::setHeader);
        response.setContentType(page ? "text/html" : "application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(page ? ErrorAnswers.page(status.getReasonPhrase(), detail)
                : ErrorAnswers.problem(status.value(), status.getReasonPhrase(), detail, request.getRequestURI()));
    }

}
