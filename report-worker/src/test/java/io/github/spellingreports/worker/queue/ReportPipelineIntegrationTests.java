package io.github.spellingreports.worker.queue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.support.serializer.DeserializationException;

import static io.github.spellingreports.worker.queue.PipelineScenarios.PATIENCE;
import static io.github.spellingreports.worker.queue.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * From Kafka records to the queue API, through the in-process broker and embedded PostgreSQL.
 */
class ReportPipelineIntegrationTests extends WorkerIntegrationTestSupport {

    // not the spring.kafka.bootstrap-servers property: @EmbeddedKafka publishes it as a system
    // property, which the broker of another cached context overwrites
    @Autowired
    EmbeddedKafkaBroker broker;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private ReportProducer producer;

    private QueueApi api;

    @BeforeEach
    void connect() {
        QueueTables.empty(this.jdbc);
        this.producer = new ReportProducer(this.broker.getBrokersAsString());
        this.api = new QueueApi(this.port, ADMIN_USERNAME, ADMIN_PASSWORD);
    }

    @AfterEach
    void disconnect() {
        this.producer.close();
    }

    @Test
    void spellingsOfOneErrorAreQueuedOnceWithTheirCount() {
        PipelineScenarios.variantsOfOneErrorAreQueuedOnceWithTheirCount(this.producer, this.api);
    }

    @Test
    void overlappingSelectionsJoinOneErrorAndOthersStayApart() {
        PipelineScenarios.overlappingSelectionsJoinOneErrorAndOthersStayApart(this.producer, this.api);
    }

    @Test
    void queueListsMostReportedFirstAndPages() {
        String once = Reports.uniquePage();
        String twice = Reports.uniquePage();
        String thrice = Reports.uniquePage();
        this.producer.send(report(twice, "teh"));
        this.producer.send(report(thrice, "teh"));
        this.producer.send(report(once, "teh"));
        this.producer.send(report(thrice, "teh"));
        this.producer.send(report(twice, "teh"));
        this.producer.send(report(thrice, "teh"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            QueueApi.PageView first = this.api.page("?status=NEW&size=2");
            assertThat(first.content()).extracting(QueueApi.ErrorView::pageUrl).containsExactly(thrice, twice);
            assertThat(first.content()).extracting(QueueApi.ErrorView::reportCount).containsExactly(3, 2);
            assertThat(first.totalElements()).isEqualTo(3);
            assertThat(first.totalPages()).isEqualTo(2);
        });
        QueueApi.PageView second = this.api.page("?status=NEW&size=2&page=1");
        assertThat(second.content()).extracting(QueueApi.ErrorView::pageUrl).containsExactly(once);
        assertThat(second.page()).isEqualTo(1);
    }

    @Test
    void redeliveredRecordIsNotCountedTwice() {
        String page = Reports.uniquePage();
        SpellingErrorReported report = report(page, "teh");
        RecordMetadata sent = this.producer.send(report);
        this.producer.send(report);
        // on one partition records are processed in order: once the marker is queued, so is the redelivery
        String marker = Reports.uniquePage();
        this.producer.send(report(marker, "marker"), sent.partition());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.api.find(marker)).isPresent());
        assertThat(this.api.find(page)).hasValueSatisfying(error -> assertThat(error.reportCount()).isEqualTo(1));
    }

    @Test
    void poisonRecordAmidAPollIsDeadLetteredAloneAndTheReportsAroundItAreStored() {
        SpellingErrorReported before = report(Reports.uniquePage(), "teh");
        SpellingErrorReported poison = Reports.withSchemaVersion(report(Reports.uniquePage(), "teh"), 99);
        SpellingErrorReported after = report(Reports.uniquePage(), "teh");
        // one partition, sent while the listener is stopped, so that they are one poll: the report
        // before the poison is stored and committed, the poison dead-lettered, the rest redelivered
        MessageListenerContainer container = this.listeners.getListenerContainer(ReportListener.ID);
        container.stop();
        try {
            int partition = this.producer.send(before).partition();
            this.producer.send(poison, partition);
            this.producer.send(after, partition);
        }
        finally {
            container.start();
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.api.find(after.pageUrl())).isPresent());
        assertThat(this.api.find(before.pageUrl())).hasValueSatisfying(error -> assertThat(error.reportCount()).isEqualTo(1));
        assertThat(this.api.find(after.pageUrl())).hasValueSatisfying(error -> assertThat(error.reportCount()).isEqualTo(1));
        assertThat(this.api.find(poison.pageUrl())).isEmpty();
        try (DeadLetters deadLetters = new DeadLetters(this.broker.getBrokersAsString())) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters.withKey(poison.dedupKey())).hasSize(1));
            assertThat(deadLetters.withKey(before.dedupKey())).isEmpty();
            assertThat(deadLetters.withKey(after.dedupKey())).isEmpty();
        }
    }

    @Test
    void poisonRecordsAreDeadLetteredAndLaterRecordsStillFlow() {
        String page = Reports.uniquePage();
        SpellingErrorReported good = report(page, "teh");
        String key = good.dedupKey();
        byte[] notJson = "{\"schemaVersion\":1,\"reportId\":".getBytes(StandardCharsets.UTF_8);
        int partition = this.producer.sendRaw(key, notJson).partition();
        this.producer.send(Reports.withSchemaVersion(report(page, "teh"), 99));
        this.producer.sendWithout(report(page, "teh"), "selection");
        byte[] wrongType = new String(this.producer.json(report(page, "teh")), StandardCharsets.UTF_8)
                .replace("\"schemaVersion\":1", "\"schemaVersion\":\"one\"").getBytes(StandardCharsets.UTF_8);
        this.producer.sendRaw(key, wrongType);
        this.producer.send(good);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.api.find(page))
                .hasValueSatisfying(error -> assertThat(error.reportCount()).isEqualTo(1)));
        try (DeadLetters deadLetters = new DeadLetters(this.broker.getBrokersAsString())) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters.withKey(key)).hasSize(4));
            List<ConsumerRecord<String, byte[]>> letters = deadLetters.withKey(key);
            assertThat(letters).allSatisfy(letter -> {
                assertThat(letter.partition()).isEqualTo(partition);
                assertThat(DeadLetters.header(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.REPORTS);
                assertThat(DeadLetters.header(letter, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).isNotBlank();
            });
            assertThat(letters.get(0).value()).isEqualTo(notJson);
            assertThat(DeadLetters.header(letters.get(0), KafkaHeaders.DLT_EXCEPTION_FQCN))
                    .isEqualTo(DeserializationException.class.getName());
            assertThat(DeadLetters.header(letters.get(0), KafkaHeaders.DLT_EXCEPTION_MESSAGE)).as("what the parser found, where")
                    .isEqualTo("Record not stored; failed to deserialize: Unexpected end-of-input within/between Object entries (line 1, column 31)");
            assertThat(DeadLetters.header(letters.get(1), KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                    .isEqualTo(InvalidReportException.class.getName());
            assertThat(DeadLetters.header(letters.get(1), KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("schemaVersion 99");
            assertThat(new String(letters.get(1).value(), StandardCharsets.UTF_8)).contains("\"schemaVersion\":99");
            assertThat(DeadLetters.header(letters.get(2), KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("selection is missing");
            assertThat(DeadLetters.header(letters.get(0), KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)).as("the parser's")
                    .startsWith("tools.jackson.");
            assertThat(letters.get(3).value()).isEqualTo(wrongType);
            assertThat(DeadLetters.header(letters.get(3), KafkaHeaders.DLT_EXCEPTION_MESSAGE)).startsWith(
                    "Record not stored; failed to deserialize: Cannot deserialize value of type `int` from String \"one\"")
                    .endsWith("(field schemaVersion)");
        }
    }

    /**
     * A value as large as the broker takes (message.max.bytes, about 1 MB, less the record's own
     * bytes): its dead letter, with Spring Kafka's headers added, was over the producer's
     * max.request.size and the topic's limit, so the recoverer failed, the record was retried at once,
     * again and again, and its partition stalled. (The test's broker made the dead-letter topic
     * itself: the worker gives it its size at start.)
     */
    @Test
    void valueNearTheBrokersLimitIsDeadLetteredAndItsPartitionFlows() {
        SpellingErrorReported good = report(Reports.uniquePage(), "teh");
        byte[] huge = new byte[1_048_300];
        Arrays.fill(huge, (byte) 'x');
        int partition = this.producer.sendRaw(good.dedupKey(), huge).partition();
        this.producer.send(good, partition);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.api.find(good.pageUrl()))
                .hasValueSatisfying(error -> assertThat(error.reportCount()).isEqualTo(1)));
        try (DeadLetters deadLetters = new DeadLetters(this.broker.getBrokersAsString())) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters.withKey(good.dedupKey())).hasSize(1));
            ConsumerRecord<String, byte[]> letter = deadLetters.withKey(good.dedupKey()).get(0);
            assertThat(letter.value()).isEqualTo(huge);
            assertThat(DeadLetters.header(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).startsWith(
                    "Record not stored; failed to deserialize: ");
        }
    }

    @Test
    void recordOfANewerSchemaVersionIsDeadLetteredAsPublished() {
        // what a newer intake may publish before the workers are upgraded: a version and a field this worker does not know
        String page = Reports.uniquePage();
        SpellingErrorReported good = report(page, "teh");
        String newer = new String(this.producer.json(Reports.withSchemaVersion(report(page, "teh"), 2)),
                StandardCharsets.UTF_8).replaceFirst("\\}$", ",\"readerTimeZone\":\"Asia/Almaty\"}");
        byte[] published = newer.getBytes(StandardCharsets.UTF_8);
        this.producer.sendRaw(good.dedupKey(), published);
        this.producer.send(good);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.api.find(page))
                .hasValueSatisfying(error -> assertThat(error.reportCount()).isEqualTo(1)));
        try (DeadLetters deadLetters = new DeadLetters(this.broker.getBrokersAsString())) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters.withKey(good.dedupKey())).hasSize(1));
            ConsumerRecord<String, byte[]> letter = deadLetters.withKey(good.dedupKey()).get(0);
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).as("the record as published, every field")
                    .isEqualTo(newer).contains("\"readerTimeZone\":\"Asia/Almaty\"");
            assertThat(DeadLetters.header(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("Record not stored; unsupported schemaVersion 2");
            assertThat(letter.headers().lastHeader(ReportDeserializer.ORIGINAL_VALUE_HEADER)).isNull();
        }
    }

}
