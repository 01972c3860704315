package io.github.spellingreports.worker.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.spellingreports.worker.MutableClock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A topic of its own on the in-process broker, with a producer that sets record timestamps and
 * a consumer group the test commits for by hand, so lag numbers are exact and nothing else moves them.
 */
final class LagTopic implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    final String bootstrapServers;

    final String name = "lag-test-" + UUID.randomUUID();

    final String group = "lag-test-group-" + UUID.randomUUID();

    final String deadLetters = this.name + ".DLT";

    final Admin admin;

    private final KafkaProducer<String, String> producer;

    LagTopic(String bootstrapServers) throws Exception {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
        this.admin.createTopics(List.of(new NewTopic(this.name, 3, (short) 1), new NewTopic(this.deadLetters, 3, (short) 1)))
                .all().get(30, TimeUnit.SECONDS);
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** Writes records with the given timestamps to a partition. */
    void produce(int partition, Instant... timestamps) throws Exception {
        for (Instant timestamp : timestamps) {
            this.producer.send(new ProducerRecord<>(this.name, partition, timestamp.toEpochMilli(), "k", "v"))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    void produceDeadLetter() throws Exception {
        this.producer.send(new ProducerRecord<>(this.deadLetters, 0, "k", "v")).get(30, TimeUnit.SECONDS);
    }

    /** A plain consumer of the group commits these offsets, then goes away: the group has no member. */
    void commitAndStop(Map<Integer, Long> offsets) {
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, this.group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<TopicPartition, OffsetAndMetadata> commits = commits(offsets);
            consumer.assign(commits.keySet());
            consumer.commitSync(commits, TIMEOUT);
        }
    }

    Map<TopicPartition, OffsetAndMetadata> commits(Map<Integer, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((partition, offset) -> commits.put(new TopicPartition(this.name, partition),
                new OffsetAndMetadata(offset)));
        return commits;
    }

    /** A member of the group (subscribed, so the broker counts it) that commits only when told. */
    Consumer<byte[], byte[]> member() {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, this.group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(this.name));
        return consumer;
    }

    /** The client id of the monitor's probe consumers: Kafka names it in the settings it logs for each one made. */
    final String probeClientId = "lag-test-probe-" + UUID.randomUUID();

    LagMonitor monitor(LagProperties properties, MutableClock clock) {
        BrokerOffsetsReader reader = new BrokerOffsetsReader(this.admin, () -> new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ConsumerConfig.CLIENT_ID_CONFIG,
                this.probeClientId), new ByteArrayDeserializer(), new ByteArrayDeserializer()), Duration.ofSeconds(10));
        return new LagMonitor(reader, properties, clock, this.group, this.name, this.deadLetters);
    }

    @Override
    public void close() {
        this.producer.close();
        this.admin.close();
    }

}
