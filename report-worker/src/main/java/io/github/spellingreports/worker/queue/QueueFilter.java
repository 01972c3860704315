package io.github.spellingreports.worker.queue;

import io.github.spellingreports.events.Canonical;

/**
 * What part of the queue to list; every criterion is optional except the status.
 *
 * @param status errors in this status
 * @param lang language tag; {@code en} also matches {@code en-GB}
 * @param pageUrl page URL prefix; one that is a whole http(s) URL is compared in the canonical form
 *        pages are stored in (a URL copied from the browser, with {@code utm_*} parameters, a fragment,
 *        a trailing slash or capitals in its host, finds its page)
 * @param q text searched case-insensitively in the selection with its context (a phrase across both
 *        too) and in the comments; white space runs count as one space
 * @param exactPage whether {@code pageUrl} is the page itself rather than a prefix: a digest's link to
 *        one page's errors (a prefix {@code https://news.example/sport} takes in the whole section,
 *        {@code ?id=12} also {@code ?id=123})
 */
public record QueueFilter(ErrorStatus status, String lang, String pageUrl, String q, boolean exactPage) {

    public QueueFilter {
        status = (status != null) ? status : ErrorStatus.NEW;
        lang = blankToNull(lang);
        pageUrl = canonicalPrefix(blankToNull(pageUrl));
        // stored text has its white space collapsed (Canonical.text): so has a phrase searched for
        q = blankToNull((q != null) ? Canonical.text(q) : null);
        exactPage = exactPage && pageUrl != null;
    }

    /** A filter whose {@code pageUrl} is a prefix. */
    public QueueFilter(ErrorStatus status, String lang, String pageUrl, String q) {
        this(status, lang, pageUrl, q, false);
    }

    /** @return every error in this status */
    public static QueueFilter of(ErrorStatus status) {
        return new QueueFilter(status, null, null, null);
    }

    private static String canonicalPrefix(String pageUrl) {
        if (pageUrl == null) {
            return null;
        }
        try {
            return Canonical.pageUrl(pageUrl);
        }
        catch (IllegalArgumentException ex) {
            // not a whole URL ("news.example/spo"): a prefix as typed
            return pageUrl;
        }
    }

    private static String blankToNull(String text) {
        return (text == null || text.isBlank()) ? null : text.strip();
    }

}
