package io.github.spellingreports.worker.alerts;

import java.util.List;
import java.util.stream.Collectors;

import io.github.spellingreports.worker.alerts.HotAlertRepository.ClaimedAlert;

/**
 * One mail for several alerts of the same desk and recipients that are sent together: errors that
 * became hot at once (a backlog drained, a site-wide slip) reach editors as one mail listing each
 * of them, instead of a mail per error. It is made of the alerts' own rendered bodies, each error
 * with its one-click links, so every error is still alerted exactly once.
 *
 * @param subject the mail's subject: the first alert's, counted
 * @param html the HTML body: a short heading, then every alert's card, then the footer once
 * @param text the plain text body: every alert's text, then the footer once
 */
record CombinedAlert(String subject, String html, String text) {

    private static final String SUBJECT_START = "Hot typo: ";

    private static final String TEXT_FOOTER = "\n--\n";

    /** Where an alert's HTML footer starts (alerts rendered before it had one end their card at the body's end). */
    private static final String HTML_FOOTER = "<div id=\"footer\"";

    private static final String SEPARATOR = "\n\n" + "=".repeat(60) + "\n\n";

    /** @return whether each alert's HTML has the body this class takes its card from */
    static boolean combinable(List<ClaimedAlert> alerts) {
        return alerts.stream().allMatch((alert) -> {
            int start = bodyStart(alert.html());
            return start >= 0 && bodyEnd(alert.html()) > start;
        });
    }

    /**
     * @param alerts at least two alerts of one desk and recipients, each {@link #combinable(List)}
     */
    static CombinedAlert of(List<ClaimedAlert> alerts) {
        if (alerts.size() < 2 || !combinable(alerts)) {
            throw new IllegalArgumentException("needs at least two alerts rendered from the alert template");
        }
        int count = alerts.size();
        String first = alerts.get(0).subject();
        int start = first.indexOf(SUBJECT_START);
        String subject = (start >= 0)
                ? first.substring(0, start) + count + " hot typos: " + first.substring(start + SUBJECT_START.length())
                        + " and " + (count - 1) + " more"
                : count + " hot typos: " + first;
        String firstHtml = alerts.get(0).html();
        String bodyTag = firstHtml.substring(firstHtml.indexOf("<body"), bodyStart(firstHtml));
        String cards = alerts.stream().map((alert) -> alert.html().substring(bodyStart(alert.html()), cardEnd(alert.html())))
                .collect(Collectors.joining("\n"));
        String htmlFooter = firstHtml.substring(cardEnd(firstHtml), bodyEnd(firstHtml));
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="UTF-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%d hot typos</title>
                </head>
                %s
                <div id="combined" style="max-width:720px;margin:0 auto;padding:24px 16px 0;font-size:15px;">%d hot typos, sent in one mail. Each is listed once, with its own links.</div>
                %s
                %s
                </body>
                </html>
                """.formatted(count, bodyTag, count, cards, htmlFooter.strip());
        String footer = footer(alerts.get(0).text());
        String text = count + " HOT TYPOS IN ONE MAIL, EACH LISTED ONCE" + SEPARATOR
                + alerts.stream().map((alert) -> withoutFooter(alert.text()).strip()).collect(Collectors.joining(SEPARATOR))
                + "\n" + footer;
        return new CombinedAlert(subject, html, text);
    }

    /** @return index just after the {@code <body ...>} tag, or -1 */
    private static int bodyStart(String html) {
        int tag = html.indexOf("<body");
        int end = (tag >= 0) ? html.indexOf('>', tag) : -1;
        return (end >= 0) ? end + 1 : -1;
    }

    private static int bodyEnd(String html) {
        return html.lastIndexOf("</body>");
    }

    /** @return where an alert's card ends: at its footer, which the shared mail has once */
    private static int cardEnd(String html) {
        int footer = html.indexOf(HTML_FOOTER, bodyStart(html));
        return (footer >= 0 && footer < bodyEnd(html)) ? footer : bodyEnd(html);
    }

    private static String withoutFooter(String text) {
        return text.substring(0, footerStart(text));
    }

    private static String footer(String text) {
        return text.substring(footerStart(text));
    }

    /** @return where the text's footer starts, its length if it has none */
    private static int footerStart(String text) {
        int footer = text.lastIndexOf(TEXT_FOOTER);
        return (footer >= 0) ? footer : text.length();
    }

}
