package io.github.spellingreports.worker.queue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.spellingreports.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * Reads the dead-letter topic from the beginning with a real consumer (no group, no commits).
 */
final class DeadLetters implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;

    private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    DeadLetters(String bootstrapServers) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = this.consumer.partitionsFor(Topics.DEAD_LETTERS, Duration.ofSeconds(30))
                .stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        this.consumer.assign(partitions);
        this.consumer.seekToBeginning(partitions);
    }

    /** @return every dead letter with this key seen so far, in order per partition */
    List<ConsumerRecord<String, byte[]>> withKey(String key) {
        this.consumer.poll(Duration.ofMillis(200)).forEach(this.received::add);
        return this.received.stream().filter(record -> key.equals(record.key())).toList();
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A short description for assertion messages (the whole record prints its stack trace header). */
    static String describe(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset() + " "
                + header(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN) + ": " + header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
    }

    @Override
    public void close() {
        this.consumer.close();
    }

}
