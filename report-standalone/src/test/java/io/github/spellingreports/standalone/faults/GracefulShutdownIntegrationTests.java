package io.github.spellingreports.standalone.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

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
 * keep sending: the worker in the middle of a backlog, then the intake with requests in flight.
 * What the intake answered 202 must be stored exactly once once a worker runs again.
 */
class GracefulShutdownIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdownIntegrationTests.class);

    @TempDir
    Path dataDir;

    @Test
    void workerAndIntakeClosedUnderLoadLoseNoAcceptedReport() throws Exception {
        try (Infrastructure infrastructure = Infrastructure.start(this.dataDir)) {
            QueueTables queue = new QueueTables(infrastructure);
            int port = LoopbackPorts.free();
            ConfigurableApplicationContext worker = Services.worker(infrastructure);
            ConfigurableApplicationContext intake = Services.intake(infrastructure, port);
            Set<UUID> accepted;
            try (Readers readers = new Readers(port, 6, 5_000)) {
                readers.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> readers.count(202) >= 300);
                worker.close();
                long storedAtWorkerStop = queue.reports();
                long acceptedAtWorkerStop = readers.count(202);
                // the intake keeps accepting while no worker runs
                await().atMost(Duration.ofSeconds(60)).until(() -> readers.count(202) >= acceptedAtWorkerStop + 300);
                long closing = System.nanoTime();
                intake.close();
                long closed = System.nanoTime();
                readers.stop();
                accepted = readers.accepted();
                log.info("Worker stopped with {} of {} accepted reports stored; intake closed in {} ms; answers: "
                        + "{} x 202, {} x 503, {} without an answer, {} other, in flight as the intake closed: {}",
                        storedAtWorkerStop, acceptedAtWorkerStop, (closed - closing) / 1_000_000, readers.count(202),
                        readers.count(503), readers.count(Readers.NO_ANSWER),
                        readers.answers().stream().filter(a -> !Set.of(202, 503, Readers.NO_ANSWER).contains(a.status())).count(),
                        readers.answers().stream().filter(a -> a.start() < closing && a.end() > closing).count());
                assertThat(readers.answers()).as("a closing intake answers what it has taken, or refuses the connection")
                        .allSatisfy(answer -> assertThat(answer.status()).as("%s", answer).isIn(202, 503, Readers.NO_ANSWER));
            }
            finally {
                intake.close();
                worker.close();
            }

            ConfigurableApplicationContext restarted = Services.worker(infrastructure);
            try {
                queue.awaitQueuedOnce(accepted);
            }
            finally {
                restarted.close();
            }
        }
    }

}
