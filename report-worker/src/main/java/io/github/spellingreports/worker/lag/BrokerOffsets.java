package io.github.spellingreports.worker.lag;

import java.util.List;

/**
 * What the broker says about a consumer group and its topic at one moment, before any judgement.
 *
 * @param groupState the broker's group state, upper case
 * @param members members in the group
 * @param partitions the topic's partitions, by partition number
 * @param deadLetterSpans the dead-letter topic's partitions: the offsets of the records it holds
 */
record BrokerOffsets(String groupState, int members, List<Partition> partitions, List<Span> deadLetterSpans) {

    /** @return records in the dead-letter topic */
    long deadLetters() {
        return Span.records(this.deadLetterSpans);
    }

    /**
     * @param partition partition number
     * @param start earliest offset still in the log
     * @param end log-end offset
     */
    public record Span(int partition, long start, long end) {

        /** @return the records the partitions hold together */
        static long records(List<Span> spans) {
            return spans.stream().mapToLong((span) -> span.end() - span.start()).sum();
        }

    }

    /**
     * @param partition partition number
     * @param logStart earliest offset still in the log
     * @param end log-end offset
     * @param committed the group's committed offset, {@code null} if none
     * @param oldestUnconsumedTimestamp timestamp (epoch millis) of the first record at or after the
     *        consumer's position, {@code null} when caught up or not readable in time
     */
    record Partition(int partition, long logStart, long end, Long committed, Long oldestUnconsumedTimestamp) {

        /** @return where the group resumes: its committed offset, or the earliest one without a commit */
        long position() {
            return (this.committed != null) ? this.committed : this.logStart;
        }

        /** @return records between the group's position and the end, as Kafka's own tools count them */
        long lag() {
            return Math.max(0, this.end - position());
        }

    }

}
