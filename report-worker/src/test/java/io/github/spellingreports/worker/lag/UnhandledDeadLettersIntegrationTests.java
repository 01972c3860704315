package io.github.spellingreports.worker.lag;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.github.spellingreports.events.Topics;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import io.github.spellingreports.worker.deadletter.DeadLetter;
import io.github.spellingreports.worker.deadletter.DeadLetterService;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code spelling_dlt_unhandled} counts the dead letters no operator has handled: it grows with a new
 * one and falls when it is discarded (or replayed), where the topic's size stays as it was.
 */
class UnhandledDeadLettersIntegrationTests extends WorkerIntegrationTestSupport {

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    LagMonitor monitor;

    @Autowired
    UnhandledDeadLetters unhandled;

    @Autowired
    DeadLetterService deadLetters;

    @Autowired
    MeterRegistry registry;

    @Test
    void aDeadLetterCountsUntilItIsHandled() throws Exception {
        String key = "unhandled-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                this.broker.getBrokersAsString()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REPORTS, key, "not json".getBytes(StandardCharsets.UTF_8))).get();
        }
        DeadLetter letter = await().atMost(Duration.ofSeconds(30)).until(() -> this.deadLetters.list(false).letters()
                .stream().filter((listed) -> key.equals(listed.key())).findFirst().orElse(null), (found) -> found != null);

        // other tests' letters may wait too: this one's discard takes one off, where the topic's size stays
        double waiting = read();
        long records = this.monitor.sample().deadLetters();
        assertThat(waiting).isGreaterThanOrEqualTo(1);

        this.deadLetters.discard(letter.partition(), letter.offset(), "ops");
        assertThat(read()).isEqualTo(waiting - 1);
        assertThat(this.monitor.sample().deadLetters()).as("the topic keeps it").isEqualTo(records);
    }

    /** @return the gauge once read afresh */
    private double read() {
        this.monitor.sample();
        this.unhandled.refresh();
        double value = this.registry.get("spelling.dlt.unhandled").gauge().value();
        assertThat(value).isNotNaN();
        return value;
    }

}
