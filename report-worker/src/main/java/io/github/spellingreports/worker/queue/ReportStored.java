package io.github.spellingreports.worker.queue;

import java.time.Instant;

/**
 * Reports were added to an error: one per error and stored poll, not per report (and not for
 * redeliveries); a poll's are published together, as {@link PollStored}.
 *
 * @param errorId the error the reports belong to
 * @param reportCount the error's report count after the poll
 * @param receivedAt when the intake received the latest of the poll's reports of this error
 * @param alertable whether the error is open and has had no hot-typo alert since it was (re)opened:
 *        only such an error can become hot, so the alert check skips the others without a query
 */
public record ReportStored(long errorId, int reportCount, Instant receivedAt, boolean alertable) {

    /**
     * The SQL condition for {@code alertable}, on {@code spelling_error} aliased {@code e}: open, and no
     * alert since its last status change (a reopen makes an older alert void). Storing returns it, the
     * alert check and claim test it.
     */
    public static final String ALERTABLE_SQL = "e.status = 'NEW'"
            + " and (e.hot_alerted_at is null or e.hot_alerted_at < e.status_changed_at)";

}
