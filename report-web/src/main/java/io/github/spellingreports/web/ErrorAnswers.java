package io.github.spellingreports.web;

import java.util.Map;

import org.springframework.web.util.HtmlUtils;

/**
 * The two forms of an answer the services give where no application of theirs does: an RFC 9457
 * problem detail in the services' shape, or a small readable page for a browser.
 */
final class ErrorAnswers {

    /**
     * The headers the services' own answers carry, for these, which no filter of theirs sees: the
     * page's one inline style sheet and nothing else, framed nowhere, never sniffed or kept.
     */
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; "
                    + "base-uri 'none'; form-action 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store");

    private ErrorAnswers() {
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
