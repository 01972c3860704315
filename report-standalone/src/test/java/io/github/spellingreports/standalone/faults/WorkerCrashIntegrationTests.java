package io.github.spellingreports.standalone.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.github.spellingreports.events.SpellingErrorReported;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker process killed with SIGKILL in the middle of a large backlog: no shutdown hook, no
 * offset commit, part of a poll stored and not committed. Its restart must store every report
 * exactly once and count each error's reports exactly.
 */
class WorkerCrashIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(WorkerCrashIntegrationTests.class);

    private static final int ERRORS = 2_000;

    private static final int REPORTS = 20_000;

    @TempDir
    Path dataDir;

    @Test
    void workerKilledMidBacklogStoresEveryReportExactlyOnceAfterRestart() throws Exception {
        try (Infrastructure infrastructure = Infrastructure.start(this.dataDir)) {
            Set<UUID> produced = new HashSet<>();
            Map<String, Integer> expectedCounts = new HashMap<>();
            try (ReportRecords records = new ReportRecords(infrastructure)) {
                for (int i = 0; i < REPORTS; i++) {
                    SpellingErrorReported report = ReportRecords.report(i % ERRORS, (i % 3 == 0) ? "comment " + i : null);
                    records.send(report);
                    produced.add(report.reportId());
                    expectedCounts.merge(report.dedupKey(), 1, Integer::sum);
                }
                records.flush();
            }
            QueueTables queue = new QueueTables(infrastructure);
            Path workerLog = WorkerProcess.logFile("worker-crash");
            long started = System.nanoTime();

            long storedAtKill;
            try (WorkerProcess worker = WorkerProcess.start(infrastructure, workerLog)) {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                        .until(() -> queue.reports() >= REPORTS / 10 || !worker.isAlive());
                assertThat(worker.isAlive()).as("worker running (its output: %s)", workerLog).isTrue();
                worker.kill();
                storedAtKill = queue.reports();
            }
            long committedAtKill = REPORTS - infrastructure.workerLag();
            log.info("Worker killed after {} ms: {} reports stored, {} offsets committed",
                    (System.nanoTime() - started) / 1_000_000, storedAtKill, committedAtKill);
            assertThat(storedAtKill).as("killed in the middle of the backlog").isPositive().isLessThan(REPORTS);
            // stored first, committed after: more offsets committed than reports stored would be reports lost (in
            // total, over the partitions; that none was lost on any partition, the check after the restart says).
            // Whether the kill landed between a poll's database commit and its offset commit is chance; the line above says.
            assertThat(committedAtKill).as("offsets committed at the kill, of reports stored").isLessThanOrEqualTo(storedAtKill);

            try (WorkerProcess worker = WorkerProcess.start(infrastructure, workerLog)) {
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                        .until(() -> infrastructure.workerLag() == 0 || !worker.isAlive());
                assertThat(worker.isAlive()).as("restarted worker running (its output: %s)", workerLog).isTrue();
            }
            log.info("Backlog of {} reports done after {} ms, crash and restart included", REPORTS,
                    (System.nanoTime() - started) / 1_000_000);

            Map<UUID, Integer> stored = queue.reportIds();
            assertThat(stored.keySet()).as("every report stored, none invented").isEqualTo(produced);
            assertThat(stored.values()).as("no report stored twice").containsOnly(1);
            assertThat(queue.reportCountsByDedupKey()).as("each error's count = its distinct reports")
                    .isEqualTo(expectedCounts);
            assertThat(queue.countsThatDisagreeWithReportRows()).isEmpty();
        }
    }

}
