package io.github.spellingreports.worker.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterRecordsTests {

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("spelling-reports.DLT", 1, 7, "key".getBytes(StandardCharsets.UTF_8), value);
        record.headers().add(KafkaHeaders.DLT_EXCEPTION_FQCN, "x.Boom".getBytes(StandardCharsets.UTF_8));
        record.headers().add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, "it broke".getBytes(StandardCharsets.UTF_8));
        record.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, "spelling-reports".getBytes(StandardCharsets.UTF_8));
        record.headers().add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(1).array());
        record.headers().add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(42).array());
        return record;
    }

    @Test
    void failureAndOriginComeFromTheDeadLetterHeaders() {
        DeadLetter letter = DeadLetterRecords.view(record("{}".getBytes(StandardCharsets.UTF_8)), 100);
        assertThat(letter.key()).isEqualTo("key");
        assertThat(letter.exception()).isEqualTo("x.Boom");
        assertThat(letter.reason()).isEqualTo("it broke");
        assertThat(letter.originalTopic()).isEqualTo("spelling-reports");
        assertThat(letter.originalPartition()).isEqualTo(1);
        assertThat(letter.originalOffset()).isEqualTo(42L);
        assertThat(letter.payload()).isEqualTo("{}");
        assertThat(letter.payloadTruncated()).isFalse();
    }

    @Test
    void payloadIsCutAtTheLimitWithInvalidBytesReplacedAndControlsEscaped() {
        byte[] value = { 'a', 0x1b, (byte) 0xff, 'b', 'c', 'd' };
        DeadLetter letter = DeadLetterRecords.view(record(value), 4);
        assertThat(letter.payload()).isEqualTo("a\\u001b\ufffdb");
        assertThat(letter.payloadBytes()).isEqualTo(6);
        assertThat(letter.payloadTruncated()).isTrue();
    }

}
