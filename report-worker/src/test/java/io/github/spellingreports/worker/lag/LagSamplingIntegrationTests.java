package io.github.spellingreports.worker.lag;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.github.spellingreports.worker.MutableClock;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lag numbers and status transitions on the in-process broker, for a group and topic of the
 * test's own; the sampler is driven directly, as its schedule drives it, with a clock the test moves.
 */
@ExtendWith(OutputCaptureExtension.class)
class LagSamplingIntegrationTests extends WorkerIntegrationTestSupport {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private final LagProperties properties = new LagProperties(true, Duration.ofSeconds(15), 4, 0, "",
            Duration.ofSeconds(10));

    @Autowired
    EmbeddedKafkaBroker broker;

    private LagTopic topic;

    private final MutableClock clock = new MutableClock(NOW);

    @BeforeEach
    void createTopic() throws Exception {
        this.topic = new LagTopic(this.broker.getBrokersAsString());
    }

    @AfterEach
    void close() {
        this.topic.close();
    }

    /** p0: 5 records, 2 consumed; p1: 3 records, all consumed; p2: 2 records, no commit ever. */
    private void stoppedGroup() throws Exception {
        this.topic.produce(0, NOW.minusSeconds(100), NOW.minusSeconds(90), NOW.minusSeconds(80), NOW.minusSeconds(70),
                NOW.minusSeconds(60));
        this.topic.produce(1, NOW.minusSeconds(50), NOW.minusSeconds(40), NOW.minusSeconds(30));
        this.topic.produce(2, NOW.minusSeconds(20), NOW.minusSeconds(10));
        this.topic.commitAndStop(Map.of(0, 2L, 1, 3L));
    }

    @Test
    void stoppedGroupShowsStopWithGrowingSeconds() throws Exception {
        stoppedGroup();
        this.topic.produceDeadLetter();
        LagMonitor monitor = this.topic.monitor(this.properties, this.clock);

        LagReport first = monitor.sampleScheduled();
        assertThat(first.members()).isZero();
        assertThat(first.groupState()).isEqualTo("EMPTY");
        assertThat(first.deadLetters()).isEqualTo(1);
        assertThat(first.partitions()).extracting(PartitionLag::endOffset).containsExactly(5L, 3L, 2L);
        assertThat(first.partitions()).extracting(PartitionLag::committedOffset).containsExactly(2L, 3L, null);
        assertThat(first.partitions()).extracting(PartitionLag::lag).containsExactly(3L, 0L, 2L);
        // the oldest unconsumed records: p0's third (80 s old), p2's first (20 s old)
        assertThat(first.partitions()).extracting(PartitionLag::lagSeconds).containsExactly(80.0, 0.0, 20.0);
        assertThat(first.totalLag()).isEqualTo(5);
        assertThat(first.maxLagSeconds()).isEqualTo(80.0);

        LagReport last = first;
        for (int sample = 1; sample < this.properties.window(); sample++) {
            this.clock.advance(this.properties.interval());
            last = monitor.sampleScheduled();
        }
        assertThat(last.status()).isEqualTo(LagStatus.STOP);
        assertThat(last.partitions()).extracting(PartitionLag::status)
                .containsExactly(LagStatus.STOP, LagStatus.OK, LagStatus.STOP);
        assertThat(last.partitions().get(0).lagSeconds()).isEqualTo(80.0 + 15 * (this.properties.window() - 1));
    }

    @Test
    void slowConsumerWarnsAndCaughtUpIsOkAndStuckMemberStalls() throws Exception {
        try (Consumer<byte[], byte[]> member = this.topic.member()) {
            await().atMost(LagTopic.TIMEOUT).untilAsserted(() -> {
                member.poll(Duration.ofMillis(100));
                assertThat(member.assignment()).hasSize(3);
            });
            LagMonitor monitor = this.topic.monitor(this.properties, this.clock);
            long committed = 0;
            long end = 0;
            LagReport report = null;
            // slow: three records arrive per interval, one is consumed
            for (int sample = 0; sample < this.properties.window(); sample++) {
                this.topic.produce(0, this.clock.instant(), this.clock.instant(), this.clock.instant());
                end += 3;
                member.commitSync(this.topic.commits(Map.of(0, ++committed)), LagTopic.TIMEOUT);
                this.clock.advance(this.properties.interval());
                report = monitor.sampleScheduled();
            }
            assertThat(report.members()).isEqualTo(1);
            assertThat(report.partition(0)).hasValueSatisfying((lag) -> {
                assertThat(lag.status()).isEqualTo(LagStatus.WARN);
                assertThat(lag.lag()).isEqualTo(2L * this.properties.window());
            });
            assertThat(report.status()).isEqualTo(LagStatus.WARN);

            member.commitSync(this.topic.commits(Map.of(0, end)), LagTopic.TIMEOUT);
            this.clock.advance(this.properties.interval());
            report = monitor.sampleScheduled();
            assertThat(report.status()).isEqualTo(LagStatus.OK);
            assertThat(report.partition(0)).hasValueSatisfying((lag) -> {
                assertThat(lag.lag()).isZero();
                assertThat(lag.lagSeconds()).isZero();
            });

            this.topic.produce(0, this.clock.instant());
            for (int sample = 0; sample < this.properties.window(); sample++) {
                this.clock.advance(this.properties.interval());
                report = monitor.sampleScheduled();
            }
            assertThat(report.members()).isEqualTo(1);
            assertThat(report.status()).isEqualTo(LagStatus.STALL);
        }
    }

    /**
     * Each sample with a lagging partition made a consumer of its own, and Kafka logged its ~70 lines of
     * settings at INFO every 15 s for as long as an incident lasted.
     */
    @Test
    void samplesOfALaggingGroupShareOneProbeConsumer(CapturedOutput output) throws Exception {
        stoppedGroup();
        LagMonitor monitor = this.topic.monitor(this.properties, this.clock);
        for (int sample = 0; sample < 3; sample++) {
            this.clock.advance(this.properties.interval());
            assertThat(monitor.sampleScheduled().partitions()).extracting(PartitionLag::lagSeconds).doesNotContainNull();
        }
        // the group moves on in p0: the probe, paused there after its last read, reads it again at the new offset
        this.topic.commitAndStop(Map.of(0, 3L));
        assertThat(monitor.sampleScheduled().partition(0).orElseThrow().lagSeconds()).isEqualTo(70.0 + 45);
        assertThat(output.getAll().split("client.id = " + this.topic.probeClientId + "\\R", -1)).hasSize(2);
        monitor.close();
    }

    @Test
    void numbersAgreeWithKafkasConsumerGroupCommand() throws Exception {
        stoppedGroup();
        LagReport ours = this.topic.monitor(this.properties, this.clock).sample();
        Map<Integer, String[]> theirs = describe();

        // Kafka's tool lists the partitions the group has committed offsets for
        assertThat(theirs).containsOnlyKeys(0, 1);
        for (Map.Entry<Integer, String[]> row : theirs.entrySet()) {
            PartitionLag lag = ours.partition(row.getKey()).orElseThrow();
            String[] columns = row.getValue();
            assertThat(columns[3]).as("CURRENT-OFFSET p%d", row.getKey()).isEqualTo(Long.toString(lag.committedOffset()));
            assertThat(columns[4]).as("LOG-END-OFFSET p%d", row.getKey()).isEqualTo(Long.toString(lag.endOffset()));
            assertThat(columns[5]).as("LAG p%d", row.getKey()).isEqualTo(Long.toString(lag.lag()));
        }
    }

    /** Runs {@code kafka-consumer-groups.sh --describe} in-process and parses its table by partition. */
    private Map<Integer, String[]> describe() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("ConsumerGroupCommand exited " + status + ": " + message);
        });
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            ConsumerGroupCommand.main(new String[] { "--bootstrap-server", this.topic.bootstrapServers, "--describe",
                    "--group", this.topic.group });
        }
        finally {
            System.setOut(original);
            Exit.resetExitProcedure();
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        Map<Integer, String[]> rows = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID
            if (columns.length >= 6 && columns[1].equals(this.topic.name)) {
                rows.put(Integer.parseInt(columns[2]), columns);
            }
        }
        assertThat(rows).as("rows of:%n%s", output).isNotEmpty();
        return rows;
    }

}
