package io.github.spellingreports.worker.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads a dead-letter topic with short-lived consumers that have no group: they {@code assign()}
 * and {@code seek()}, so reading never moves anybody's offsets. One partition is read at a time,
 * so a poll holds at most one partition's fetch.
 */
class DeadLetterReader {

    private final Supplier<Consumer<byte[], byte[]>> consumers;

    private final String topic;

    private final Duration timeout;

    DeadLetterReader(Supplier<Consumer<byte[], byte[]>> consumers, String topic, Duration timeout) {
        this.consumers = consumers;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** Runs some reading with one consumer, closed afterwards. */
    <T> T read(Function<Session, T> reading) {
        try (Consumer<byte[], byte[]> consumer = this.consumers.get()) {
            return reading.apply(new Session(consumer));
        }
    }

    /**
     * @return the record at this partition and offset, if the topic still holds it
     */
    Optional<ConsumerRecord<byte[], byte[]>> find(int partition, long offset) {
        return read((session) -> session.find(partition, offset));
    }

    /**
     * The offsets a partition holds now.
     *
     * @param partition the partition
     * @param start its first offset
     * @param end the offset after its last record
     */
    record Extent(int partition, long start, long end) {
    }

    /** The reading of one consumer. */
    final class Session {

        private final Consumer<byte[], byte[]> consumer;

        private Session(Consumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        /**
         * @return every partition's extent, by partition
         */
        List<Extent> extents() {
            try {
                List<TopicPartition> partitions = this.consumer.partitionsFor(topic, timeout).stream()
                        .map((info) -> new TopicPartition(info.topic(), info.partition()))
                        .sorted(Comparator.comparingInt(TopicPartition::partition))
                        .toList();
                Map<TopicPartition, Long> starts = this.consumer.beginningOffsets(partitions, timeout);
                Map<TopicPartition, Long> ends = this.consumer.endOffsets(partitions, timeout);
                return partitions.stream()
                        .map((partition) -> new Extent(partition.partition(), starts.get(partition), ends.get(partition)))
                        .toList();
            }
            catch (TimeoutException ex) {
                throw DeadLetterProblems.unreadable(timeout, ex);
            }
        }

        Optional<ConsumerRecord<byte[], byte[]>> find(int partition, long offset) {
            boolean held = extents().stream().anyMatch((extent) -> extent.partition() == partition
                    && offset >= extent.start() && offset < extent.end());
            if (!held) {
                return Optional.empty();
            }
            List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>(1);
            forEach(partition, offset, offset + 1, found::add);
            return found.stream().findFirst();
        }

        /**
         * Hands each record from offset {@code from} up to {@code to} (excluded) to {@code action},
         * in offset order; the read timeout applies to each wait for the broker, not to the action.
         * @throws org.springframework.web.ErrorResponseException 503 when the broker does not return
         * them in time: a partial read is never taken for all there is (a letter for a missing one, a
         * list or a replay-all for the whole partition)
         */
        void forEach(int partition, long from, long to,
                java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> action) {
            TopicPartition topicPartition = new TopicPartition(topic, partition);
            this.consumer.assign(List.of(topicPartition));
            this.consumer.seek(topicPartition, from);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (position(topicPartition) < to) {
                if (System.nanoTime() - deadline >= 0) {
                    throw DeadLetterProblems.unreadable(timeout, null);
                }
                List<ConsumerRecord<byte[], byte[]>> records = this.consumer.poll(Duration.ofMillis(100))
                        .records(topicPartition);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.offset() >= from && record.offset() < to) {
                        action.accept(record);
                    }
                }
                if (!records.isEmpty()) {
                    deadline = System.nanoTime() + timeout.toNanos();
                }
            }
        }

        private long position(TopicPartition partition) {
            try {
                return this.consumer.position(partition, timeout);
            }
            catch (TimeoutException ex) {
                throw DeadLetterProblems.unreadable(timeout, ex);
            }
        }

    }

}
