package io.github.spellingreports.worker.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A broker that holds the records but does not return them within the read timeout (Kafka's MockConsumer). */
class DeadLetterReaderTests {

    private static final String TOPIC = "spelling-reports.DLT";

    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

    private final DeadLetterReader reader = new DeadLetterReader(() -> this.consumer, TOPIC, Duration.ofMillis(300));

    @BeforeEach
    void threeRecords() {
        this.consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        this.consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        this.consumer.updateEndOffsets(Map.of(PARTITION, 3L));
    }

    /** It answered 404, "no record at partition 0, offset 1", for a letter the topic holds. */
    @Test
    void aLetterNotReturnedInTimeIsUnreadableNotMissing() {
        assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> this.reader.find(0, 1))
                .satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(503));
    }

    /** It handed on the first record and returned, as if the partition ended there. */
    @Test
    void aPartitionNotReadToItsEndIsUnreadableNotShorter() {
        this.consumer.schedulePollTask(() -> this.consumer.addRecord(record(0)));
        List<Long> offsets = new ArrayList<>();
        assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> this.reader.read((session) -> {
            session.forEach(0, 0, 3, (record) -> offsets.add(record.offset()));
            return offsets;
        })).satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(503));
        assertThat(offsets).containsExactly(0L);
    }

    @Test
    void aLetterReturnedInTimeIsFound() {
        this.consumer.schedulePollTask(() -> this.consumer.addRecord(record(1)));
        assertThat(this.reader.find(0, 1)).hasValueSatisfying((record) -> assertThat(record.offset()).isEqualTo(1));
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset) {
        return new ConsumerRecord<>(TOPIC, 0, offset, "key".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

}
