package io.github.spellingreports.worker.queue;

import java.time.Instant;

/**
 * A report was added to its error (not published for a redelivery). Published inside the storing
 * transaction: listeners that act on it use {@code @TransactionalEventListener} (after commit).
 *
 * @param errorId the error the report belongs to
 * @param reportCount the error's report count after this report
 * @param receivedAt when the intake received the report
 */
public record ReportStored(long errorId, int reportCount, Instant receivedAt) {
}
