package io.github.spellingreports.worker.queue;

import java.time.Instant;

/**
 * One entry of an error's audit trail.
 *
 * @param errorId the error
 * @param from status before
 * @param to status after
 * @param changedBy login name of who changed it, or {@value Moderation#SYSTEM} for an automatic reopen
 * @param via where the change came from (see {@link Moderation.Via})
 * @param note the editor's note or {@code null}
 * @param changedAt when
 */
public record StatusChange(long errorId, ErrorStatus from, ErrorStatus to, String changedBy, String via, String note,
        Instant changedAt) {
}
