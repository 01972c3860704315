package io.github.spellingreports.worker.queue;

import java.time.Instant;
import java.util.UUID;

import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.events.SpellingErrorReported;

/**
 * Builds reports the way the intake would publish them.
 */
final class Reports {

    private Reports() {
    }

    /** A page URL no other test uses, so tests sharing a database do not meet. */
    static String uniquePage() {
        return "https://news.example.com/" + UUID.randomUUID();
    }

    static SpellingErrorReported report(String pageUrl, String before, String selection, String after,
            String comment, Instant receivedAt) {
        return new SpellingErrorReported(SpellingErrorReported.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                DedupKey.of(pageUrl, before, selection, after), pageUrl, "Example news", "en", selection, before,
                after, comment, receivedAt, "c1ienth4sh");
    }

    static SpellingErrorReported report(String pageUrl, String selection) {
        return report(pageUrl, "The quick brown fox ", selection, " over the lazy dog.", null, Instant.now());
    }

    static SpellingErrorReported withSchemaVersion(SpellingErrorReported report, int schemaVersion) {
        return new SpellingErrorReported(schemaVersion, report.reportId(), report.dedupKey(), report.pageUrl(),
                report.pageTitle(), report.lang(), report.selection(), report.contextBefore(), report.contextAfter(),
                report.comment(), report.receivedAt(), report.clientHash());
    }

    static SpellingErrorReported withDedupKey(SpellingErrorReported report, String dedupKey) {
        return new SpellingErrorReported(report.schemaVersion(), report.reportId(), dedupKey, report.pageUrl(),
                report.pageTitle(), report.lang(), report.selection(), report.contextBefore(), report.contextAfter(),
                report.comment(), report.receivedAt(), report.clientHash());
    }

    static SpellingErrorReported withSelection(SpellingErrorReported report, String selection) {
        return new SpellingErrorReported(report.schemaVersion(), report.reportId(), report.dedupKey(), report.pageUrl(),
                report.pageTitle(), report.lang(), selection, report.contextBefore(), report.contextAfter(),
                report.comment(), report.receivedAt(), report.clientHash());
    }

}
