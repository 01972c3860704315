package io.github.spellingreports.worker.queue;

/**
 * What part of the queue to list; every criterion is optional except the status.
 *
 * @param status errors in this status
 * @param lang language tag; {@code en} also matches {@code en-GB}
 * @param pageUrl page URL prefix
 * @param q text searched case-insensitively in the selection, its context and the comments
 */
public record QueueFilter(ErrorStatus status, String lang, String pageUrl, String q) {

    public QueueFilter {
        status = (status != null) ? status : ErrorStatus.NEW;
        lang = blankToNull(lang);
        pageUrl = blankToNull(pageUrl);
        q = blankToNull(q);
    }

    /** @return every error in this status */
    public static QueueFilter of(ErrorStatus status) {
        return new QueueFilter(status, null, null, null);
    }

    private static String blankToNull(String text) {
        return (text == null || text.isBlank()) ? null : text.strip();
    }

}
