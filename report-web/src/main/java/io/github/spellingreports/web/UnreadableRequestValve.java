package io.github.spellingreports.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;

/**
 * Tomcat's answer to a request it could not read, so that no application saw it: a character
 * outside ASCII or a space in the address (curl sends {@code ?q=превет} as it is typed, browsers
 * encode it), headers larger than the server reads, a malformed request line. Tomcat's own
 * {@link ErrorReportValve} answers those with its HTML page that says only "Bad Request"; this one
 * answers with an RFC 9457 problem detail in the services' shape that says what may be wrong, and
 * with a small readable page when a browser asks for HTML. Like Tomcat's, it speaks only where
 * nothing else has: an application's own error answers pass unchanged.
 */
public class UnreadableRequestValve extends ErrorReportValve {

    static final String BAD_REQUEST_DETAIL = "The request is not valid HTTP and was not read. An address must "
            + "percent-encode a space, a letter outside ASCII (Cyrillic, say), a quote or a brace, as browsers do "
            + "(curl does with -G --data-urlencode 'q=...'); headers must be well-formed and no larger than "
            + "the server reads.";

    /** Browsers encode addresses themselves: what they send that cannot be read is nearly always too many cookies. */
    static final String BAD_REQUEST_PAGE = "Your browser sent a request this server cannot read, most likely because "
            + "it holds too many or too large cookies for this site. Delete this site's cookies and try again.";

    public UnreadableRequestValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        String title = (status != null) ? status.getReasonPhrase() : "Error " + code;
        boolean page = Browsers.askForHtml(request.getHeader("Accept"));
        String detail = (code != 400) ? title + ": the request could not be served."
                : page ? BAD_REQUEST_PAGE : BAD_REQUEST_DETAIL;
        // the address is unknown when it is what could not be read
        String path = request.getRequestURI();
        try {
            ErrorAnswers.HEADERS.forEach(response::setHeader);
            response.setContentType(page ? "text/html" : "application/problem+json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(page ? ErrorAnswers.page(title, detail) : ErrorAnswers.problem(code, title, detail, path));
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // the client is gone or the response is closed: nothing left to tell
        }
    }

}
