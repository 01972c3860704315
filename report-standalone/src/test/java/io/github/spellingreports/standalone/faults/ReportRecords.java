package io.github.spellingreports.standalone.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Writes records to the reports topic as the intake does (key = dedup key, value = JSON of
 * {@link SpellingErrorReported} without type headers, acks=all, idempotent), plus raw bytes the
 * intake never would.
 */
final class ReportRecords implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    private final JacksonJsonSerializer<SpellingErrorReported> json = new JacksonJsonSerializer<>();

    private final List<Exception> failures = new ArrayList<>();

    ReportRecords(Infrastructure infrastructure) {
        this.producer = new KafkaProducer<>(infrastructure.kafkaClient(Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000)),
                new StringSerializer(), new ByteArraySerializer());
        this.json.setAddTypeInfo(false);
    }

    /** The page of error number {@code error}: one error per page, so errors never share a dedup key. */
    static SpellingErrorReported report(int error, String comment) {
        String page = "https://news.example.com/2026/11/story-" + error;
        String before = "In the story number " + error + " the reporter wrote ";
        String after = " instead of the right word.";
        return new SpellingErrorReported(SpellingErrorReported.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                DedupKey.of(page, before, "mispeling", after), page, "Story " + error, "en", "mispeling", before, after,
                comment, Instant.now(), "c1ienth4sh");
    }

    byte[] json(SpellingErrorReported report) {
        return this.json.serialize(Topics.REPORTS, report);
    }

    /** Sends without waiting; {@link #flush()} waits for all and fails if any was not acknowledged. */
    void send(SpellingErrorReported report) {
        sendRaw(report.dedupKey(), json(report));
    }

    void sendRaw(String key, byte[] value) {
        send(new ProducerRecord<>(Topics.REPORTS, key, value));
    }

    void send(ProducerRecord<String, byte[]> record) {
        this.producer.send(record, (metadata, ex) -> {
            if (ex != null) {
                synchronized (this.failures) {
                    this.failures.add(ex);
                }
            }
        });
    }

    void flush() {
        this.producer.flush();
        synchronized (this.failures) {
            if (!this.failures.isEmpty()) {
                throw new IllegalStateException(this.failures.size() + " records not acknowledged", this.failures.get(0));
            }
        }
    }

    @Override
    public void close() {
        this.producer.close(java.time.Duration.ofSeconds(30));
    }

}
