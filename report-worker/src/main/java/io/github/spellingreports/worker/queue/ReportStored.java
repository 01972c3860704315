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
}
