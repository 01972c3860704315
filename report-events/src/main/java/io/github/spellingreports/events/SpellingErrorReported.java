package io.github.spellingreports.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A reader reported a spelling error. The value of every record on {@link Topics#REPORTS}.
 * <p>
 * Text fields carry what the reader's browser sent after the intake validated it; canonical forms
 * are derived by {@link Canonical} on either side, so the record stays faithful to the report.
 *
 * @param schemaVersion version of this JSON shape; consumers dead-letter versions they cannot read
 *     (as published). Any change to the fields, an added optional one too, is a new version.
 * @param reportId id chosen by the widget, so a retried submission is the same report end to end
 * @param dedupKey the Kafka key: {@link DedupKey#of} over page and selection in context
 * @param pageUrl the page the reader was on, as sent
 * @param pageTitle the page title, may be {@code null}
 * @param lang the page language tag, may be {@code null}
 * @param selection the selected text, trimmed
 * @param contextBefore text before the selection, may be empty
 * @param contextAfter text after the selection, may be empty
 * @param comment the reader's comment, may be {@code null}
 * @param receivedAt when the intake accepted the report
 * @param clientHash salted hash of the reader's address for abuse control, may be {@code null}
 */
public record SpellingErrorReported(
        int schemaVersion,
        UUID reportId,
        String dedupKey,
        String pageUrl,
        String pageTitle,
        String lang,
        String selection,
        String contextBefore,
        String contextAfter,
        String comment,
        Instant receivedAt,
        String clientHash) {

    /** The schema version this code writes and reads. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

}
