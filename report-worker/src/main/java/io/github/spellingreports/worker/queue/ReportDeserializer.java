package io.github.spellingreports.worker.queue;

import io.github.spellingreports.events.SpellingErrorReported;
import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/**
 * Reads the records of the reports topic (the delegate of Spring Kafka's
 * {@code ErrorHandlingDeserializer}, configured in {@code worker.yml}) as
 * {@link JacksonJsonDeserializer} does. A record of a schema version this worker cannot read also
 * keeps its bytes as published, in {@link #ORIGINAL_VALUE_HEADER}: its dead letter must be that
 * record, which a newer worker can replay, not this worker's reading of it, which has lost every
 * field this version does not know.
 */
public class ReportDeserializer extends JacksonJsonDeserializer<SpellingErrorReported> {

    /** The value as published, on a record of a schema version this worker cannot read. */
    public static final String ORIGINAL_VALUE_HEADER = "spelling_original_value";

    @Override
    public SpellingErrorReported deserialize(String topic, Headers headers, byte[] data) {
        SpellingErrorReported report = super.deserialize(topic, headers, data);
        if (report != null && !IncomingReport.readable(report.schemaVersion()) && headers != null) {
            headers.add(ORIGINAL_VALUE_HEADER, data);
        }
        return report;
    }

}
