package io.github.spellingreports.worker.deadletter;

import java.time.Instant;

/**
 * One record of the dead-letter topic as the API shows it.
 *
 * @param partition partition in the dead-letter topic
 * @param offset offset in the dead-letter topic
 * @param timestamp when it was dead-lettered
 * @param key the record key (the report's dedup key)
 * @param exception class of the failure ({@code kafka_dlt-exception-fqcn})
 * @param cause class of the failure's cause, if any
 * @param reason the failure's message ({@code kafka_dlt-exception-message})
 * @param originalTopic topic it was read from
 * @param originalPartition partition it was read from
 * @param originalOffset offset it had there
 * @param payload the value as text (invalid UTF-8 replaced, control characters escaped), cut at the limit
 * @param payloadBytes size of the whole value
 * @param payloadTruncated whether {@code payload} was cut
 * @param handled REPLAYED or DISCARDED once an operator handled it, else {@code null}
 */
public record DeadLetter(int partition, long offset, Instant timestamp, String key, String exception, String cause,
        String reason, String originalTopic, Integer originalPartition, Long originalOffset, String payload,
        int payloadBytes, boolean payloadTruncated, String handled) {

    DeadLetter handledAs(String action) {
        return new DeadLetter(this.partition, this.offset, this.timestamp, this.key, this.exception, this.cause,
                this.reason, this.originalTopic, this.originalPartition, this.originalOffset, this.payload,
                this.payloadBytes, this.payloadTruncated, action);
    }

}
