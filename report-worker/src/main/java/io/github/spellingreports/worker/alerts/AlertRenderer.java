package io.github.spellingreports.worker.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

import io.github.spellingreports.worker.console.ActionLinks;
import io.github.spellingreports.worker.digest.DigestProperties;
import io.github.spellingreports.worker.digest.TextFragmentLink;
import io.github.spellingreports.worker.mail.MailTemplates;
import io.github.spellingreports.worker.queue.LatestComments;
import io.github.spellingreports.worker.text.BidiText;
import io.github.spellingreports.worker.text.ReadableAddress;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

import org.springframework.stereotype.Component;

/**
 * Renders a hot-typo alert from {@code templates/mail/alert.*}, with the digest's signed one-click
 * links. The template engine is private for the reason given in the digest renderer: a bean would
 * make Boot's web Thymeleaf configuration back off.
 */
@Component
class AlertRenderer {

    private final SpringTemplateEngine engine = MailTemplates.engine();

    private final ActionLinks links;

    private final ZoneId zone;

    AlertRenderer(ActionLinks links, DigestProperties digest) {
        this.links = links;
        this.zone = digest.zone();
    }

    /**
     * @return the window as the alert names it: {@code 30 min}, or in seconds where it is not whole
     *         minutes ({@code 90 s}; it read "1 min")
     */
    static String window(Duration window) {
        return (window.toMinutes() > 0 && window.toSecondsPart() == 0 && window.toNanosPart() == 0)
                ? window.toMinutes() + " min" : window.toSeconds() + " s";
    }

    /**
     * @param error the hot error
     * @param desk its desk
     * @param reportsInWindow its reports in the window
     * @param window the window
     * @param comments readers' latest comments (often the right spelling)
     * @return the alert's mail and webhook message
     */
    RenderedAlert render(HotAlertRepository.HotError error, String desk, int reportsInWindow, Duration window,
            LatestComments comments) {
        String title = (error.pageTitle() != null && !error.pageTitle().isBlank()) ? error.pageTitle().strip()
                : ReadableAddress.of(error.pageUrl());
        String minutes = window(window);
        Context context = new Context(Locale.ENGLISH, Map.of("error", error, "title", title,
                "desk", DigestProperties.DEFAULT_DESK.equals(desk) ? "" : desk, "reports", reportsInWindow,
                "window", minutes, "fixed", this.links.fixed(error.id()), "dismiss", this.links.dismiss(error.id()),
                "errorPage", this.links.errorPage(error.id()), "comments", comments,
                "atTheText", TextFragmentLink.of(error.pageUrl(), error.contextBefore(), error.selection(),
                        error.contextAfter())));
        // the links are signed as the templates render them, right after this: they work a little longer
        context.setVariable("linksUntil", this.links.validUntil(Instant.now(), this.zone));
        String subject = (DigestProperties.DEFAULT_DESK.equals(desk) ? "" : "[" + desk + "] ") + "Hot typo: \""
                + BidiText.oneLine(error.selection(), 60) + "\" on " + BidiText.oneLine(title, 80) + " ("
                + reportsInWindow + " reports in " + minutes + ")";
        String webhook = ":rotating_light: Hot typo, " + reportsInWindow + " reports in " + minutes + ": "
                + literal(BidiText.oneLine(error.selection(), 200)) + " on " + literal(BidiText.oneLine(title, 200)) + " "
                + BidiText.confine(error.pageUrl()) + "\nConsole: " + this.links.errorPage(error.id());
        return new RenderedAlert(subject, this.engine.process("alert.html", context),
                this.engine.process("alert.txt", context), webhook);
    }

    /**
     * A reader's text for the webhook's message, which Slack reads as mrkdwn and Mattermost as
     * Markdown: in a code span neither makes links, formatting or images of it. A backtick in it,
     * which would end the span, becomes a look-alike (U+02CB); a zero-width space after each {@code @}
     * keeps {@code @channel} or {@code @all} from notifying anyone where a code span would not.
     * ({@code &}, {@code <} and {@code >} are escaped with the whole message, {@link AlertWebhook#escaped}.)
     * @param text one line of a reader's text
     * @return it as a code span
     */
    static String literal(String text) {
        return "`" + text.strip().replace('`', '\u02CB').replace("@", "@\u200B") + "`";
    }

    /** A rendered alert: mail subject and bodies, and the webhook's message text. */
    record RenderedAlert(String subject, String html, String text, String webhookText) {
    }

}
