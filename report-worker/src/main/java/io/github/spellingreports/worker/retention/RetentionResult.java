package io.github.spellingreports.worker.retention;

/**
 * What one run of the retention job deleted.
 *
 * @param complete {@code false} when the run stopped because another worker was purging
 * @param resolvedErrors fixed, dismissed and spam errors deleted
 * @param resolvedErrorReports reports deleted with those errors
 * @param reports old reports deleted
 * @param clientHashes client hashes cleared
 * @param expiredLinks records of expired one-click links deleted
 * @param mails sent digest and alert mails whose text was removed from the archive
 */
public record RetentionResult(boolean complete, int resolvedErrors, int resolvedErrorReports, int reports, int clientHashes,
        int expiredLinks, int mails) {
}
