package io.github.spellingreports.worker.lag;

import java.time.Instant;
import java.util.List;

/**
 * The consumer group's lag at one sample: what {@code GET /api/v1/lag} answers.
 *
 * @param group consumer group
 * @param topic topic it consumes
 * @param groupState the broker's group state (STABLE, EMPTY, PREPARING_REBALANCE, DEAD, ...)
 * @param members members in the group
 * @param status the worst partition status
 * @param sampledAt when the sample was taken
 * @param totalLag records not yet consumed, over all partitions
 * @param maxLagSeconds age of the oldest record not yet consumed, over all partitions; a partition whose
 *        age is unknown counts with the time its records have waited at least (since a sample first saw
 *        them waiting at its committed offset), never as 0
 * @param deadLetters records in the dead-letter topic (its size, handled ones included)
 * @param partitions per partition, by partition number
 */
public record LagReport(String group, String topic, String groupState, int members, LagStatus status,
        Instant sampledAt, long totalLag, double maxLagSeconds, long deadLetters, List<PartitionLag> partitions) {

    /** @return the partition's lag, if the topic has it */
    java.util.Optional<PartitionLag> partition(int partition) {
        return this.partitions.stream().filter((lag) -> lag.partition() == partition).findFirst();
    }

}
