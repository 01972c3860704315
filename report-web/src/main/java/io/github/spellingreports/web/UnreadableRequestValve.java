package io.github.spellingreports.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

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
            response.setContentType(page ? "text/html" : "application/problem+json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(page ? page(title, detail) : problem(code, title, detail, path));
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // the client is gone or the response is closed: nothing left to tell
        }
    }

    /** The fields in the order the services' Jackson writes a {@code ProblemDetail}. */
    static String problem(int status, String title, String detail, String path) {
        StringBuilder json = new StringBuilder("{\"detail\":").append(quoted(detail));
        if (path != null && !path.isEmpty()) {
            json.append(",\"instance\":").append(quoted(path));
        }
        return json.append(",\"status\":").append(status).append(",\"title\":").append(quoted(title)).append('}').toString();
    }

    static String page(String title, String detail) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + HtmlUtils.htmlEscape(title) + "</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;"
                + "margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1f2937}</style></head><body><main><h1>"
                + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(detail) + "</p></main></body></html>";
    }

    /** A JSON string: quotes, backslashes and control characters escaped, the rest as it is. */
    static String quoted(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            }
            else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                quoted.append(String.format("\\u%04x", (int) c));
            }
            else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

}
