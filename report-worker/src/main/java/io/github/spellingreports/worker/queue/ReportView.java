package io.github.spellingreports.worker.queue;

import java.time.Instant;

/**
 * One reader's report of an error.
 *
 * @param receivedAt when the intake received it
 * @param comment the reader's comment or {@code null}
 * @param lang the page language it was sent from or {@code null}
 */
public record ReportView(Instant receivedAt, String comment, String lang) {
}
