package io.github.spellingreports.worker.digest;

import java.time.Instant;
import java.util.List;

/**
 * What the API says about a digest.
 *
 * @param digestId the digest's id
 * @param status {@code SENT} once SMTP accepted it, {@code PENDING} while it waits for (re)sending
 * @param errors how many errors it lists
 * @param reports how many reports it covers that arrived since the previous digest
 * @param recipients who it is addressed to
 * @param attempts how many times sending was started
 * @param createdAt when it was built
 * @param sentAt when SMTP accepted it, {@code null} while pending
 * @param nextAttemptAt when it is (re)sent next while pending
 * @param lastFailure why the last attempt failed, {@code null} when none did
 * @param desk the desk (routing rule) it is for, {@code default} for the default recipients
 */
public record DigestSummary(long digestId, String status, int errors, int reports, List<String> recipients, int attempts,
        Instant createdAt, Instant sentAt, Instant nextAttemptAt, String lastFailure,
        String desk) {
}
