package io.github.spellingreports.worker.queue;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * A real producer that writes what the intake writes: key = dedup key, value = JSON without type
 * headers. It can also write bytes the intake never would, for poison-record tests.
 */
final class ReportProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    private final JacksonJsonSerializer<SpellingErrorReported> json = new JacksonJsonSerializer<>();

    ReportProducer(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        this.json.setAddTypeInfo(false);
    }

    RecordMetadata send(SpellingErrorReported report) {
        return sendRaw(report.dedupKey(), json(report));
    }

    /** Sends to a given partition, to be processed after everything sent there before. */
    RecordMetadata send(SpellingErrorReported report, int partition) {
        return send(new ProducerRecord<>(Topics.REPORTS, partition, report.dedupKey(), json(report)));
    }

    RecordMetadata sendRaw(String key, byte[] value) {
        return send(new ProducerRecord<>(Topics.REPORTS, key, value));
    }

    /** The report's JSON without the named field, as a producer that forgot it would send. */
    RecordMetadata sendWithout(SpellingErrorReported report, String field) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode node = (ObjectNode) mapper.readTree(json(report));
        node.remove(field);
        return sendRaw(report.dedupKey(), mapper.writeValueAsBytes(node));
    }

    byte[] json(SpellingErrorReported report) {
        return this.json.serialize(Topics.REPORTS, report);
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return this.producer.send(record).get(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("Could not send test record", ex);
        }
    }

    @Override
    public void close() {
        this.producer.close();
    }

}
