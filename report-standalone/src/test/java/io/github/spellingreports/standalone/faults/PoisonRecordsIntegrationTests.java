package io.github.spellingreports.standalone.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison records of every kind the worker meets, interleaved at volume with good reports in the
 * same partitions (same keys): each bad one in the dead-letter topic with its reason, every good
 * one stored, exactly.
 */
class PoisonRecordsIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(PoisonRecordsIntegrationTests.class);

    private static final int ERRORS = 500;

    private static final int GOOD = 5_000;

    /** One poison record after every this many good ones. */
    private static final int POISON_EVERY = 50;

    /** Marks a poison record; dead letters keep the original's headers. */
    private static final String KIND_HEADER = "test-poison-kind";

    /** Kafka's default message.max.bytes is about 1 MB. */
    private static final int HUGE = 900 * 1024;

    @TempDir
    Path dataDir;

    enum Kind {

        INVALID_JSON, UNKNOWN_SCHEMA_VERSION, WRONG_TYPES, HUGE_VALUE

    }

    @Test
    void poisonRecordsAtVolumeAreDeadLetteredWithTheirReasonAndEveryGoodReportIsStored() throws Exception {
        try (Infrastructure infrastructure = Infrastructure.start(this.dataDir)) {
            Set<UUID> good = new HashSet<>();
            Map<String, Integer> expectedCounts = new HashMap<>();
            Map<Kind, Integer> poisoned = new HashMap<>();
            try (ReportRecords records = new ReportRecords(infrastructure)) {
                for (int i = 0; i < GOOD; i++) {
                    SpellingErrorReported report = ReportRecords.report(i % ERRORS, null);
                    records.send(report);
                    good.add(report.reportId());
                    expectedCounts.merge(report.dedupKey(), 1, Integer::sum);
                    if (i % POISON_EVERY == POISON_EVERY - 1) {
                        Kind kind = Kind.values()[(i / POISON_EVERY) % Kind.values().length];
                        // the good report's key: the poison sits in its partition, between good records
                        ProducerRecord<String, byte[]> poison = new ProducerRecord<>(Topics.REPORTS, report.dedupKey(),
                                poison(kind, ReportRecords.report(i % ERRORS, null), records));
                        poison.headers().add(KIND_HEADER, kind.name().getBytes(StandardCharsets.UTF_8));
                        records.send(poison);
                        poisoned.merge(kind, 1, Integer::sum);
                    }
                }
                records.flush();
            }
            int poisonCount = poisoned.values().stream().mapToInt(Integer::intValue).sum();
            QueueTables queue = new QueueTables(infrastructure);
            long started = System.nanoTime();
            ConfigurableApplicationContext worker = Services.worker(infrastructure);
            List<ConsumerRecord<String, byte[]>> letters;
            try (KafkaConsumer<String, byte[]> deadLetters = deadLetterReader(infrastructure)) {
                List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                    deadLetters.poll(Duration.ofMillis(200)).forEach(received::add);
                    assertThat(received).hasSizeGreaterThanOrEqualTo(poisonCount);
                });
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .until(() -> infrastructure.workerLag() == 0);
                log.info("{} good and {} poison records done in {} ms", GOOD, poisonCount,
                        (System.nanoTime() - started) / 1_000_000);
                deadLetters.poll(Duration.ofMillis(500)).forEach(received::add);
                letters = received;
            }
            finally {
                worker.close();
            }

            assertThat(letters).as("dead letters, each poison record once").hasSize(poisonCount);
            assertThat(letters.stream().collect(Collectors.groupingBy(letter -> Kind.valueOf(header(letter, KIND_HEADER)),
                    Collectors.summingInt(letter -> 1)))).isEqualTo(poisoned);
            assertThat(letters).allSatisfy(letter -> {
                Kind kind = Kind.valueOf(header(letter, KIND_HEADER));
                assertThat(header(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.REPORTS);
                assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).as("reason of %s", kind).isNotBlank();
                switch (kind) {
                    case INVALID_JSON, WRONG_TYPES -> assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_FQCN))
                            .isEqualTo(DeserializationException.class.getName());
                    case HUGE_VALUE -> {
                        assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_FQCN))
                                .isEqualTo(DeserializationException.class.getName());
                        assertThat(letter.value()).as("the original bytes").hasSizeGreaterThanOrEqualTo(HUGE);
                    }
                    case UNKNOWN_SCHEMA_VERSION -> assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                            .contains("schemaVersion 99");
                }
            });
            Map<UUID, Integer> stored = queue.reportIds();
            assertThat(stored.keySet()).as("every good report stored, nothing else").isEqualTo(good);
            assertThat(stored.values()).containsOnly(1);
            assertThat(queue.reportCountsByDedupKey()).isEqualTo(expectedCounts);
            assertThat(queue.countsThatDisagreeWithReportRows()).isEmpty();
        }
    }

    private static byte[] poison(Kind kind, SpellingErrorReported report, ReportRecords records) {
        String json = new String(records.json(report), StandardCharsets.UTF_8);
        String text = switch (kind) {
            case INVALID_JSON -> json.substring(0, json.length() / 2);
            case UNKNOWN_SCHEMA_VERSION -> json.replace("\"schemaVersion\":1", "\"schemaVersion\":99");
            case WRONG_TYPES -> json.replace("\"schemaVersion\":1", "\"schemaVersion\":\"one\"")
                    .replace("\"reportId\":\"" + report.reportId() + "\"", "\"reportId\":{\"id\":42}");
            // an unterminated comment of 900 KB: too big for the intake, still under the broker's limit
            case HUGE_VALUE -> json.replace("\"comment\":null", "\"comment\":\"" + "x".repeat(HUGE));
        };
        assertThat(text).as("poison of kind %s", kind).isNotEqualTo(json);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, byte[]> deadLetterReader(Infrastructure infrastructure) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(infrastructure.kafkaClient(Map.of(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTERS, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

}
