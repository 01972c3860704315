package io.github.spellingreports.worker.deadletter;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * Turns dead-letter records into what the API shows: the failure from Spring Kafka's
 * {@code kafka_dlt-*} headers and the payload as safe, bounded text.
 */
final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    static DeadLetter view(ConsumerRecord<byte[], byte[]> record, int maxPayload) {
        byte[] value = (record.value() != null) ? record.value() : new byte[0];
        boolean truncated = value.length > maxPayload;
        return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                text(record.key()), header(record, KafkaHeaders.DLT_EXCEPTION_FQCN),
                header(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN), header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC), intHeader(record, KafkaHeaders.DLT_ORIGINAL_PARTITION),
                longHeader(record, KafkaHeaders.DLT_ORIGINAL_OFFSET), escaped(value, Math.min(value.length, maxPayload)),
                value.length, truncated, null);
    }

    static String text(byte[] bytes) {
        return (bytes != null) ? escaped(bytes, bytes.length) : null;
    }

    /** UTF-8 with invalid bytes replaced; control characters other than tab and newlines as \\uXXXX. */
    static String escaped(byte[] bytes, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(bytes, 0, length));
        }
        catch (CharacterCodingException ex) {
            throw new IllegalStateException("cannot happen with REPLACE", ex);
        }
        StringBuilder text = new StringBuilder(chars.length());
        chars.chars().forEach((c) -> {
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                text.append(String.format("\\u%04x", c));
            }
            else {
                text.append((char) c);
            }
        });
        return text.toString();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return (header != null) ? escaped(header.value(), header.value().length) : null;
    }

    private static Integer intHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return (header != null && header.value().length == Integer.BYTES) ? ByteBuffer.wrap(header.value()).getInt() : null;
    }

    private static Long longHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return (header != null && header.value().length == Long.BYTES) ? ByteBuffer.wrap(header.value()).getLong() : null;
    }

}
