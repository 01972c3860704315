package io.github.spellingreports.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The intake's main promise against a real broker: a 202 means the record is on the topic, keyed
 * by its dedup key, in the agreed JSON shape. Subclasses choose the broker (in-process or container).
 */
abstract class ReportPublishingScenario {

    private static final String DEDUP_KEY = DedupKey.of("https://news.example/story?id=7", "The capital of ",
            "Kazakstan", " is Astana.");

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private KafkaConnectionDetails kafka;

    @Test
    void acceptedReportLandsOnTheTopicKeyedByItsDedupKey() {
        Instant before = Instant.now();
        IntakeClient.Answer answer = new IntakeClient(port).postReport(IntakeClient.report(null, " Kazakstan "));

        assertThat(answer.status()).isEqualTo(202);
        String reportId = json.readTree(answer.body()).get("reportId").asString();
        ConsumerRecord<String, String> record = awaitRecord(reportId);
        assertThat(record.key()).isEqualTo(DEDUP_KEY);
        assertThat(record.headers().toArray()).as("no type headers").isEmpty();
        JsonNode value = json.readTree(record.value());
        assertThat(value.get("schemaVersion").asInt()).isEqualTo(SpellingErrorReported.CURRENT_SCHEMA_VERSION);
        assertThat(value.get("dedupKey").asString()).isEqualTo(DEDUP_KEY);
        assertThat(value.get("selection").asString()).isEqualTo("Kazakstan");
        assertThat(value.get("pageUrl").asString()).isEqualTo("https://news.example/story?id=7&utm_source=feed");
        assertThat(value.get("clientHash").asString()).matches("[0-9a-f]{64}");
        assertThat(Instant.parse(value.get("receivedAt").asString())).isBetween(before, Instant.now());
    }

    @Test
    void givenReportIdIsKeptEndToEnd() {
        UUID reportId = UUID.randomUUID();
        IntakeClient.Answer answer = new IntakeClient(port).postReport(IntakeClient.report(reportId.toString(), "Kazakstan"));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(json.readTree(answer.body()).get("reportId").asString()).isEqualTo(reportId.toString());
        SpellingErrorReported event = json.readValue(awaitRecord(reportId.toString()).value(), SpellingErrorReported.class);
        assertThat(event.reportId()).isEqualTo(reportId);
        assertThat(event.dedupKey()).isEqualTo(DEDUP_KEY);
    }

    /** Reads the whole topic with a real consumer until the record of this report shows up. */
    private ConsumerRecord<String, String> awaitRecord(String reportId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REPORTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                assertThat(seen).anyMatch(record -> record.value().contains(reportId));
            });
            return seen.stream().filter(record -> record.value().contains(reportId)).findFirst().orElseThrow();
        }
    }

}
