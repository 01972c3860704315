package io.github.spellingreports.standalone.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.testsupport.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both services stopped the way SIGTERM stops them (application context closed) while readers
 * keep sending: the worker in the middle of a backlog waiting in the topic, then the intake with
 * requests in flight (both asserted, not left to chance). What the intake answered 202, and the
 * backlog, must be stored exactly once once a worker runs again.
 */
class GracefulShutdownIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdownIntegrationTests.class);

    /** Reports waiting in the topic before the worker starts, so that it is closed in the middle of them. */
    private static final int BACKLOG = 20_000;

    @TempDir
    Path dataDir;

    @Test
    void workerAndIntakeClosedUnderLoadLoseNoAcceptedReport() throws Exception {
        try (Infrastructure infrastructure = Infrastructure.start(this.dataDir)) {
            Set<UUID> backlog = new HashSet<>();
            try (ReportRecords records = new ReportRecords(infrastructure)) {
                for (int i = 0; i < BACKLOG; i++) {
                    SpellingErrorReported report = ReportRecords.report(i % 2_000, null);
                    records.send(report);
                    backlog.add(report.reportId());
                }
                records.flush();
            }
            QueueTables queue = new QueueTables(infrastructure);
            int port = LoopbackPorts.free();
            ConfigurableApplicationContext intake = Services.intake(infrastructure, port);
            ConfigurableApplicationContext worker = null;
            Set<UUID> accepted;
            try (Readers readers = new Readers(port, 6, 5_000)) {
                readers.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> readers.count(202) >= 300);
                worker = Services.worker(infrastructure);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> queue.reports() >= BACKLOG / 10);
                worker.close();
                long storedAtWorkerStop = queue.reports();
                long acceptedAtWorkerStop = readers.count(202);
                assertThat(storedAtWorkerStop).as("worker closed in the middle of the backlog").isLessThan(BACKLOG);
                // the intake keeps accepting while no worker runs
                await().atMost(Duration.ofSeconds(60)).until(() -> readers.count(202) >= acceptedAtWorkerStop + 300);
                long closing = System.nanoTime();
                intake.close();
                long closed = System.nanoTime();
                readers.stop();
                accepted = readers.accepted();
                long inFlight = readers.answers().stream().filter(a -> a.start() < closing && a.end() > closing).count();
                log.info("Worker stopped with {} of {} reports stored; intake closed in {} ms; answers: "
                        + "{} x 202, {} x 503, {} without an answer, {} other, in flight as the intake closed: {}",
                        storedAtWorkerStop, BACKLOG + acceptedAtWorkerStop, (closed - closing) / 1_000_000,
                        readers.count(202), readers.count(503), readers.count(Readers.NO_ANSWER),
                        readers.answers().stream().filter(a -> !Set.of(202, 503, Readers.NO_ANSWER).contains(a.status())).count(),
                        inFlight);
                assertThat(inFlight).as("requests in flight as the intake closed").isPositive();
                assertThat(readers.answers()).as("a closing intake answers what it has taken, or refuses the connection")
                        .allSatisfy(answer -> assertThat(answer.status()).as("%s", answer).isIn(202, 503, Readers.NO_ANSWER));
            }
            finally {
                intake.close();
                if (worker != null) {
                    worker.close();
                }
            }

            ConfigurableApplicationContext restarted = Services.worker(infrastructure);
            try {
                Set<UUID> expected = new HashSet<>(accepted);
                expected.addAll(backlog);
                queue.awaitQueuedOnce(expected);
            }
            finally {
                restarted.close();
            }
        }
    }

}
