package io.github.spellingreports.worker.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.spellingreports.worker.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lag gauges of a worker whose sampling stopped (the broker does not answer, or
 * {@code spelling.worker.lag.enabled=false} and the API sampled once).
 */
class LagMetricsTests {

    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    private final LagProperties properties = new LagProperties(false, Duration.ofSeconds(15), 3, 0, "",
            Duration.ofSeconds(5));

    private final MutableClock clock = new MutableClock(START);

    /** A stuck group: one member, the committed offset never moves while records wait. */
    private final BrokerOffsetsReader stuck = new BrokerOffsetsReader(null, null, Duration.ofSeconds(5)) {

        @Override
        BrokerOffsets read(String group, String topic, String deadLetterTopic) {
            return new BrokerOffsets("STABLE", 1, List.of(new BrokerOffsets.Partition(0, 0, 6, 4L,
                    START.toEpochMilli())), List.of(new BrokerOffsets.Span(0, 0, 2)));
        }

    };

    private final LagMonitor monitor = new LagMonitor(this.stuck, this.properties, this.clock, "g", "t", "t.DLT");

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aStallSampledLongAgoIsNoLongerExported() {
        new LagMetrics(this.monitor, this.properties, this.registry);
        for (int sample = 0; sample < this.properties.window(); sample++) {
            this.clock.advance(this.properties.interval());
            this.monitor.sampleScheduled();
        }
        assertThat(gauge("spelling.lag.group.status")).isEqualTo(2.0);
        assertThat(gauge("spelling.lag.status")).isEqualTo(2.0);

        this.clock.advance(this.properties.interval().multipliedBy(3));
        assertThat(gauge("spelling.lag.group.status")).as("3 intervals old: still shown").isEqualTo(2.0);

        this.clock.advance(Duration.ofSeconds(1));
        for (String name : List.of("spelling.lag.group.status", "spelling.lag.group.records", "spelling.lag.group.seconds",
                "spelling.lag.group.members", "spelling.dlt.records", "spelling.lag.status", "spelling.lag.records",
                "spelling.lag.seconds")) {
            assertThat(gauge(name)).as(name).isNaN();
        }
    }

    private double gauge(String name) {
        return this.registry.get(name).gauge().value();
    }

}
