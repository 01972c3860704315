package io.github.spellingreports.worker.lag;

import java.time.Instant;

/**
 * The group's lag at one sample, as the console's chart of the last hour shows it.
 *
 * @param at when the sample was taken
 * @param totalLag records not yet consumed, over all partitions
 * @param maxLagSeconds age of the oldest record not yet consumed
 * @param status the group's status
 */
public record LagPoint(Instant at, long totalLag, double maxLagSeconds, LagStatus status) {

    static LagPoint of(LagReport report) {
        return new LagPoint(report.sampledAt(), report.totalLag(), report.maxLagSeconds(), report.status());
    }

}
