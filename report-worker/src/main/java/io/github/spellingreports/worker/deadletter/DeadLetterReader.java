package io.github.spellingreports.worker.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a dead-letter topic with short-lived consumers that have no group: they {@code assign()}
 * and {@code seek()}, so reading never moves anybody's offsets.
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

    /**
     * @param maxPerPartition newest records to read per partition
     * @return those records, by partition and offset
     */
    List<ConsumerRecord<byte[], byte[]>> newest(int maxPerPartition) {
        try (Consumer<byte[], byte[]> consumer = this.consumers.get()) {
            List<TopicPartition> partitions = consumer.partitionsFor(this.topic, this.timeout).stream()
                    .map((info) -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, this.timeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, this.timeout);
            partitions.forEach((partition) -> consumer.seek(partition,
                    Math.max(starts.get(partition), ends.get(partition) - maxPerPartition)));
            List<ConsumerRecord<byte[], byte[]>> records = readUpTo(consumer, ends);
            records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            return records;
        }
    }

    /**
     * @return the record at this partition and offset, if the topic still holds it
     */
    Optional<ConsumerRecord<byte[], byte[]>> find(int partition, long offset) {
        TopicPartition topicPartition = new TopicPartition(this.topic, partition);
        try (Consumer<byte[], byte[]> consumer = this.consumers.get()) {
            boolean exists = consumer.partitionsFor(this.topic, this.timeout).stream()
                    .anyMatch((info) -> info.partition() == partition);
            if (!exists) {
                return Optional.empty();
            }
            consumer.assign(List.of(topicPartition));
            long start = consumer.beginningOffsets(List.of(topicPartition), this.timeout).get(topicPartition);
            long end = consumer.endOffsets(List.of(topicPartition), this.timeout).get(topicPartition);
            if (offset < start || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(topicPartition, offset);
            return readUpTo(consumer, Map.of(topicPartition, offset + 1)).stream()
                    .filter((record) -> record.offset() == offset)
                    .findFirst();
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readUpTo(Consumer<byte[], byte[]> consumer,
            Map<TopicPartition, Long> ends) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + this.timeout.toNanos();
        while (!reached(consumer, ends.keySet(), ends) && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    private static boolean reached(Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
            Map<TopicPartition, Long> ends) {
        return partitions.stream().allMatch((partition) -> consumer.position(partition) >= ends.get(partition));
    }

}
