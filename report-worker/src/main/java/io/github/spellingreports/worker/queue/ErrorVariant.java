package io.github.spellingreports.worker.queue;

import java.time.Instant;

/**
 * One way readers selected an error: a distinct selection in its context.
 *
 * @param selection the selected text
 * @param contextBefore text before it
 * @param contextAfter text after it
 * @param reportCount how many reports selected it so
 * @param firstReportedAt when the intake received its first report
 * @param shown whether the error shows this variant (its most reported one)
 */
public record ErrorVariant(String selection, String contextBefore, String contextAfter, int reportCount,
        Instant firstReportedAt, boolean shown) {
}
