package io.github.spellingreports.worker.queue;

import java.time.Instant;
import java.util.UUID;

import io.github.spellingreports.events.Canonical;
import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.events.SpellingErrorReported;

/**
 * A report checked and put into the canonical forms the queue stores; built from a Kafka record.
 *
 * @param reportId the widget's id of the report
 * @param dedupKey the error's identity (64 hex characters)
 * @param pageUrl canonical page URL
 * @param pageTitle page title, trimmed and cut to the column size, or {@code null}
 * @param lang page language tag or {@code null}
 * @param selection canonical selection, trimmed
 * @param contextBefore canonical text before the selection
 * @param contextAfter canonical text after the selection
 * @param comment the reader's comment, trimmed, or {@code null} when blank
 * @param receivedAt when the intake accepted it
 * @param clientHash salted client hash or {@code null}
 */
record IncomingReport(UUID reportId, String dedupKey, String pageUrl, String pageTitle, String lang,
        String selection, String contextBefore, String contextAfter, String comment, Instant receivedAt,
        String clientHash) {

    // column sizes of V1__moderation_queue.sql
    private static final int MAX_PAGE_URL = 2048;

    private static final int MAX_PAGE_TITLE = 500;

    private static final int MAX_LANG = 35;

    private static final int MAX_CLIENT_HASH = 64;

    /** @return whether this worker reads records of that schema version (others are dead-lettered) */
    static boolean readable(int schemaVersion) {
        return schemaVersion == SpellingErrorReported.CURRENT_SCHEMA_VERSION;
    }

    /**
     * @param key the Kafka record key
     * @param event the record value
     * @return the report to store
     * @throws InvalidReportException when no retry could ever store it
     */
    static IncomingReport from(String key, SpellingErrorReported event) {
        if (event == null) {
            throw new InvalidReportException("record has no value");
        }
        if (!readable(event.schemaVersion())) {
            throw new InvalidReportException("unsupported schemaVersion " + event.schemaVersion());
        }
        require(event.reportId() != null, "reportId is missing");
        require(event.receivedAt() != null, "receivedAt is missing");
        require(DedupKey.isWellFormed(event.dedupKey()),
                "dedupKey is not 64 lower-case hex characters");
        // the key decides the partition, so all duplicates of one error meet in one consumer
        require(key == null || key.equals(event.dedupKey()), "record key differs from dedupKey");
        String selection = Canonical.text(event.selection()).strip();
        require(!selection.isEmpty(), "selection is missing");
        String pageUrl = canonicalPageUrl(event.pageUrl());
        require(pageUrl.length() <= MAX_PAGE_URL, "pageUrl is longer than " + MAX_PAGE_URL);
        String lang = blankToNull(event.lang());
        require(lang == null || lang.length() <= MAX_LANG, "lang is longer than " + MAX_LANG);
        String clientHash = blankToNull(event.clientHash());
        require(clientHash == null || clientHash.length() <= MAX_CLIENT_HASH, "clientHash is longer than " + MAX_CLIENT_HASH);
        return new IncomingReport(event.reportId(), event.dedupKey(), pageUrl, pageTitle(event.pageTitle()), lang,
                selection, Canonical.text(event.contextBefore()), Canonical.text(event.contextAfter()),
                blankToNull(event.comment()), event.receivedAt(), clientHash);
    }

    private static String canonicalPageUrl(String pageUrl) {
        require(pageUrl != null && !pageUrl.isBlank(), "pageUrl is missing");
        try {
            return Canonical.pageUrl(pageUrl);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidReportException("pageUrl is invalid: " + ex.getMessage(), ex);
        }
    }

    /** A long title is still a good report: keep its start rather than lose the report. */
    private static String pageTitle(String title) {
        String text = blankToNull(Canonical.text(title));
        if (text == null || text.length() <= MAX_PAGE_TITLE) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_PAGE_TITLE - 1)) ? MAX_PAGE_TITLE - 1 : MAX_PAGE_TITLE;
        return text.substring(0, end);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new InvalidReportException(problem);
        }
    }

}
