package io.github.spellingreports.worker.digest;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import io.github.spellingreports.worker.console.ActionLinks;
import io.github.spellingreports.worker.mail.MailTemplates;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

import org.springframework.stereotype.Component;

/**
 * Renders a digest's subject and its HTML and plain-text bodies from the templates in
 * {@code templates/mail/}.
 * <p>
 * The template engine is private on purpose: a {@code SpringTemplateEngine} or template resolver
 * bean would make Boot's web Thymeleaf configuration back off or pick up the mail templates.
 */
@Component
class DigestRenderer {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private final SpringTemplateEngine engine = MailTemplates.engine();

    private final DigestProperties properties;

    private final ActionLinks links;

    DigestRenderer(DigestProperties properties, ActionLinks links) {
        this.properties = properties;
        this.links = links;
    }

    /**
     * @param content what the digest lists
     * @param builtAt when it was built
     * @param desk the desk it is for ({@link DigestProperties#DEFAULT_DESK} for the default recipients)
     * @return the subject and both bodies
     */
    RenderedDigest render(DigestContent content, Instant builtAt, String desk) {
        return render(content, builtAt, desk, 0);
    }

    /**
     * @param correctedOnPage errors left out because the page check found them corrected (a line at the end)
     */
    RenderedDigest render(DigestContent content, Instant builtAt, String desk, int correctedOnPage) {
        String date = DATE.format(builtAt.atZone(this.properties.zone()));
        // the template signs one-click links per error: "Fixed" and "Dismiss" without logging in
        Context context = new Context(Locale.ENGLISH, Map.of(
                "digest", content,
                "date", date,
                "desk", DigestProperties.DEFAULT_DESK.equals(desk) ? "" : desk,
                "links", this.links,
                // signed as the mail is rendered, right after this: they work a little longer, never shorter
                "linksUntil", this.links.validUntil(builtAt, this.properties.zone()),
                "correctedOnPage", correctedOnPage,
                "consoleUrl", consoleUrl()));
        String subject = SubjectLine.render(this.properties.subject(),
                Map.of("errors", content.errorCount(), "reports", content.newReportCount()),
                Map.of("date", date, "desk", desk));
        if (!DigestProperties.DEFAULT_DESK.equals(desk) && !this.properties.subject().contains("{desk}")) {
            subject = "[" + desk + "] " + subject;
        }
        return new RenderedDigest(subject, this.engine.process("digest.html", context),
                this.engine.process("digest.txt", context));
    }

    /** @return the console's base URL without a trailing slash, as the templates append paths to it */
    private String consoleUrl() {
        String url = this.properties.consoleUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * A rendered digest.
     *
     * @param subject the subject line
     * @param html the HTML body
     * @param text the plain-text body
     */
    record RenderedDigest(String subject, String html, String text) {
    }

}
