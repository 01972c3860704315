package io.github.spellingreports.worker.lag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Reads offsets from the broker side with the Admin API, so lag is known even while no worker
 * consumes, and the timestamp of the oldest unconsumed record with a consumer that has no group (it
 * only {@code assign()}s and {@code seek()}s: it never joins or commits for anyone). That consumer is
 * made once and kept (a new one per sample made Kafka log its ~70 lines of settings at INFO every
 * sample of an incident); not thread-safe: one sampler at a time, as {@link LagMonitor} does.
 */
class BrokerOffsetsReader implements AutoCloseable {

    private final Admin admin;

    private final Supplier<Consumer<byte[], byte[]>> probes;

    private final Duration timeout;

    private Consumer<byte[], byte[]> probe;

    /**
     * @param admin admin client (not closed here)
     * @param probes makes the group-less consumer, kept until {@link #close()} or until it fails
     * @param timeout longest wait for one broker request
     */
    BrokerOffsetsReader(Admin admin, Supplier<Consumer<byte[], byte[]>> probes, Duration timeout) {
        this.admin = admin;
        this.probes = probes;
        this.timeout = timeout;
    }

    BrokerOffsets read(String group, String topic, String deadLetterTopic) {
        List<TopicPartition> partitions = partitionsOf(topic);
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> committed = committed(group);
        List<BrokerOffsets.Partition> rows = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            rows.add(new BrokerOffsets.Partition(partition.partition(), starts.get(partition), ends.get(partition),
                    committed.get(partition), null));
        }
        rows = withTimestamps(rows, topic);
        ConsumerGroupDescription description = describe(group);
        String state = (description != null) ? description.groupState().name() : "DEAD";
        int members = (description != null) ? description.members().size() : 0;
        return new BrokerOffsets(state, members, rows, spans(deadLetterTopic));
    }

    private List<TopicPartition> partitionsOf(String topic) {
        try {
            TopicDescription description = get(this.admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
            return description.partitions().stream()
                    .map((info) -> new TopicPartition(topic, info.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition))
                    .toList();
        }
        catch (LagSampleException ex) {
            if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
                return List.of();
            }
            throw ex;
        }
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach((partition) -> request.put(partition, spec));
        Map<TopicPartition, ListOffsetsResultInfo> result = get(this.admin.listOffsets(request).all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private Map<TopicPartition, Long> committed(String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets;
        try {
            offsets = get(this.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        }
        catch (LagSampleException ex) {
            if (ex.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw ex;
        }
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
            }
        });
        return committed;
    }

    private ConsumerGroupDescription describe(String group) {
        try {
            return get(this.admin.describeConsumerGroups(List.of(group)).describedGroups().get(group));
        }
        catch (LagSampleException ex) {
            if (ex.getCause() instanceof GroupIdNotFoundException) {
                return null;
            }
            throw ex;
        }
    }

    private List<BrokerOffsets.Span> spans(String topic) {
        List<TopicPartition> partitions = partitionsOf(topic);
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        return partitions.stream().map((partition) -> new BrokerOffsets.Span(partition.partition(), starts.get(partition),
                ends.get(partition))).toList();
    }

    /** Reads the first record at each lagging partition's position; only lagging ones cost a fetch. */
    private List<BrokerOffsets.Partition> withTimestamps(List<BrokerOffsets.Partition> rows, String topic) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        rows.stream().filter((row) -> row.lag() > 0)
                .forEach((row) -> positions.put(new TopicPartition(topic, row.partition()),
                        Math.max(row.position(), row.logStart())));
        if (positions.isEmpty()) {
            return rows;
        }
        Map<Integer, Long> timestamps = firstTimestamps(positions);
        return rows.stream().map((row) -> new BrokerOffsets.Partition(row.partition(), row.logStart(), row.end(),
                row.committed(), timestamps.get(row.partition()))).toList();
    }

    private Map<Integer, Long> firstTimestamps(Map<TopicPartition, Long> positions) {
        Map<Integer, Long> timestamps = new HashMap<>();
        if (this.probe == null) {
            this.probe = this.probes.get();
        }
        Consumer<byte[], byte[]> probe = this.probe;
        try {
            probe.assign(positions.keySet());
            positions.forEach(probe::seek);
            long deadline = System.nanoTime() + this.timeout.toNanos();
            while (timestamps.size() < positions.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : probe.poll(Duration.ofMillis(100))) {
                    timestamps.putIfAbsent(record.partition(), record.timestamp());
                    // one record per partition is all we need: stop fetching from it
                    probe.pause(List.of(new TopicPartition(record.topic(), record.partition())));
                }
            }
            // no partition stays assigned (or paused) into the next sample
            probe.unsubscribe();
        }
        catch (RuntimeException ex) {
            close();
            throw ex;
        }
        return timestamps;
    }

    /** Closes the probe consumer, if one was made. */
    @Override
    public void close() {
        Consumer<byte[], byte[]> probe = this.probe;
        this.probe = null;
        if (probe != null) {
            probe.close(Duration.ZERO);
        }
    }

    private <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new LagSampleException("Interrupted while asking the broker", ex);
        }
        catch (ExecutionException ex) {
            throw new LagSampleException("Broker request failed: " + ex.getCause(), ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new LagSampleException("No answer from the broker within " + this.timeout, ex);
        }
    }

}
