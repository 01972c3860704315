package io.github.spellingreports.worker.console;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A stored mail shown in a console page's frame, as a mail program shows it: the digest archive's
 * mails and the standalone's local inbox. Nothing in it runs and it requests nothing; a link in it
 * opens in a new tab, as in a mail program. (In the frame itself a link would go nowhere: the
 * console and most sites refuse to be shown in another page's frame.)
 */
public final class MailFrame {

    /**
     * The frame's {@code sandbox}: no script, no form, an origin of its own; a link opens a new tab,
     * which is an ordinary page (it escapes the sandbox), so that a console page or a one-click
     * link works there.
     */
    public static final String SANDBOX = "allow-popups allow-popups-to-escape-sandbox";

    /**
     * The mail's own policy: the same sandbox, no request anywhere (its inline styles only),
     * framable by the console alone (the security configuration sends X-Frame-Options SAMEORIGIN
     * for it instead of DENY).
     */
    public static final String CSP = "sandbox " + SANDBOX + "; default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src data:; frame-ancestors 'self'";

    /** What the mail's links get: a new tab each, and no console address sent as their referrer. */
    static final String LINKS_IN_NEW_TABS = "<base target=\"_blank\"><meta name=\"referrer\" content=\"no-referrer\">";

    private static final Pattern HEAD = Pattern.compile("<head(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);

    private static final Pattern DOCTYPE = Pattern.compile("^\\s*<!doctype[^>]*>", Pattern.CASE_INSENSITIVE);

    private MailFrame() {
    }

    /** What the frame shows, or its address opened by itself, where there is no mail. */
    static final String NO_MAIL = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title>"
            + "</head><body><p>There is no such mail here.</p></body></html>";

    /**
     * @return the frame's document: the mail's HTML as mailed, its links opening new tabs; without
     *         one a 404 page that says so
     */
    public static ResponseEntity<String> response(Optional<String> html) {
        return html.filter((mail) -> !mail.isEmpty())
                .map((mail) -> frame(HttpStatus.OK, linksInNewTabs(mail)))
                .orElseGet(() -> frame(HttpStatus.NOT_FOUND, NO_MAIL));
    }

    private static ResponseEntity<String> frame(HttpStatus status, String html) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", CSP)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(html);
    }

    /**
     * @return the HTML with {@link #LINKS_IN_NEW_TABS} first in its head (a {@code <base>} counts
     * only there, and the first one does), after its doctype when it has no head tag (before it, the
     * mail would be drawn in quirks mode), or first
     */
    static String linksInNewTabs(String html) {
        Matcher head = HEAD.matcher(html);
        if (head.find()) {
            return html.substring(0, head.end()) + LINKS_IN_NEW_TABS + html.substring(head.end());
        }
        Matcher doctype = DOCTYPE.matcher(html);
        if (doctype.find()) {
            return html.substring(0, doctype.end()) + LINKS_IN_NEW_TABS + html.substring(doctype.end());
        }
        return LINKS_IN_NEW_TABS + html;
    }

}
