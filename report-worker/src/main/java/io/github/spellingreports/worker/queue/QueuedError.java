package io.github.spellingreports.worker.queue;

import java.time.Instant;
import java.util.List;

/**
 * One distinct error in the moderation queue, as the API shows it.
 *
 * @param id the error's id
 * @param pageUrl canonical URL of the page
 * @param pageTitle page title or {@code null}
 * @param selection the misspelled text
 * @param contextBefore text before the selection
 * @param contextAfter text after the selection
 * @param reportCount how many readers reported it
 * @param comments the readers' most recent distinct comments (up to {@link ErrorQueue#COMMENTS_LISTED}), oldest
 *        first
 * @param moreComments whether readers wrote more comments than these (the error's reports have them all)
 * @param lang page language tag or {@code null}
 * @param status where it stands
 * @param firstReportedAt when the intake received its first report
 * @param lastReportedAt when the intake received its latest report
 * @param reportedAgainAfterFix whether it was reopened because readers reported it after it was fixed
 * @param variantCount how many different selections of it readers sent (overlapping ones at one place of the page)
 */
public record QueuedError(long id, String pageUrl, String pageTitle, String selection, String contextBefore,
        String contextAfter, int reportCount, List<String> comments, boolean moreComments, String lang,
        ErrorStatus status, Instant firstReportedAt, Instant lastReportedAt, boolean reportedAgainAfterFix,
        int variantCount) {

    QueuedError withComments(LatestComments latest) {
        return new QueuedError(this.id, this.pageUrl, this.pageTitle, this.selection, this.contextBefore,
                this.contextAfter, this.reportCount, latest.shown(), latest.more(), this.lang, this.status,
                this.firstReportedAt, this.lastReportedAt, this.reportedAgainAfterFix, this.variantCount);
    }

}
