package io.github.spellingreports.standalone.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.spellingreports.standalone.FreePorts;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaBrokerTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void formatsAFreshDirectoryAndKeepsRecordsAcrossARestartOnOtherPorts() throws Exception {
        Path logDir = this.dataDir.resolve("kafka");
        try (KafkaBroker broker = KafkaBroker.start(logDir, FreePorts.next(), FreePorts.next(), TIMEOUT)) {
            assertThat(logDir.resolve("meta.properties")).exists();
            send(broker.bootstrapServers(), "round-trip", "key-1", "first start");
            assertThat(readAll(broker.bootstrapServers(), "round-trip")).containsExactly("key-1=first start");
        }
        String clusterId = Files.readString(logDir.resolve("meta.properties"));

        try (KafkaBroker broker = KafkaBroker.start(logDir, FreePorts.next(), FreePorts.next(), TIMEOUT)) {
            assertThat(Files.readString(logDir.resolve("meta.properties"))).as("not formatted again").isEqualTo(clusterId);
            assertThat(readAll(broker.bootstrapServers(), "round-trip")).containsExactly("key-1=first start");
        }
    }

    static void send(String bootstrapServers, String topic, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /**
     * @return every record of the topic as {@code key=value}, read from the beginning
     */
    static List<String> readAll(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(TIMEOUT).untilAsserted(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
                assertThat(seen).isNotEmpty();
            });
        }
        return seen;
    }

}
