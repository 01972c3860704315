package io.github.spellingreports.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecordSizeTests {

    @Test
    void theBacklogsEventsCarryAClientHashShapedLikeTheIntakes() {
        SpellingErrorReported event = Fixtures.backlog(1, 1).event(0, UUID.randomUUID(), Instant.now());

        // the intake's ClientHasher: an HMAC-SHA256 as 64 lower-case hex characters
        assertThat(event.clientHash()).matches("[0-9a-f]{64}");
    }

    @Test
    void producerPerformancesRecordSizeIsTheIntakesKeyAndValue() {
        SpellingErrorReported event = Fixtures.backlog(1, 1).event(0, UUID.randomUUID(), Instant.now());
        int value;
        try (JacksonJsonSerializer<SpellingErrorReported> serializer = new JacksonJsonSerializer<>()) {
            value = serializer.serialize(Topics.REPORTS, event).length;
        }
        int key = event.dedupKey().getBytes(StandardCharsets.UTF_8).length;

        assertThat(key).isEqualTo(64);
        Bench.RecordSize size = Bench.Backlog.sampleRecordSize(8080);
        assertThat(size.keyBytes()).isEqualTo(key);
        // both stamped Instant.now(): its fraction of a second may be written a digit or two shorter
        assertThat(size.valueBytes()).isCloseTo(value, within(3));
        assertThat(size.total()).isEqualTo(size.keyBytes() + size.valueBytes());
    }

}
