package io.github.spellingreports.worker.lag;

/**
 * One partition's lag as sampled.
 *
 * @param partition partition number
 * @param endOffset log-end offset (the offset the next record will get)
 * @param committedOffset the group's committed offset; {@code null} when it never committed one
 * @param lag records not yet consumed (from the earliest offset when nothing was committed)
 * @param lagSeconds age of the oldest record not yet consumed, 0 when caught up; when it could not be
 *        read in time, that of the record last read at the same offset, or {@code null} if none was
 * @param status the window's verdict
 */
public record PartitionLag(int partition, long endOffset, Long committedOffset, long lag, Double lagSeconds,
        LagStatus status) {
}
