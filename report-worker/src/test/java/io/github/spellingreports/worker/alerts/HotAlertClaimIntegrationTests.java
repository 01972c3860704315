package io.github.spellingreports.worker.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.spellingreports.worker.BusyScheduler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several workers (here: threads, each with its own connection and transaction) find errors hot at
 * the same moment: exactly one of them records each alert. And a poll's errors are checked together,
 * each against its own window.
 */
class HotAlertClaimIntegrationTests extends HotAndPageCheckTestSupport {

    private static final int WORKERS = 8;

    @Autowired
    HotAlerts alerts;

    @Autowired
    DataSource dataSource;

    @Autowired
    TaskScheduler scheduler;

    /**
     * The alert poll runs on a thread of its own: on the scheduler the worker's other jobs share (one
     * thread), a long digest build or retention run held it up, and a slow mail server in it held them.
     */
    @Test
    void aHotErrorWhoseCheckWasMissedIsAlertedWhileTheWorkersSchedulerIsBusy() {
        try (BusyScheduler busy = BusyScheduler.occupy(this.scheduler)) {
            // stored without an event: only the alert poll finds it
            long errorId = error(JdbcClient.create(this.dataSource), Instant.now(), 0, 1, 2, 3, 4);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(alertMails(errorId)).hasSize(1));
        }
    }

    @Test
    void errorFoundHotByManyWorkersAtOnceIsAlertedExactlyOnce() throws Exception {
        JdbcClient jdbc = JdbcClient.create(this.dataSource);
        // two hours ago: the alert poll (which looks at the last half hour) leaves it to the workers, so
        // that one of them must win (the poll winning instead hid a broken claim: every worker lost)
        Instant now = Instant.now().minus(Duration.ofHours(2));
        long errorId = hotError(jdbc, now);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<CompletableFuture<List<Long>>> claims = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                claims.add(CompletableFuture.supplyAsync(() -> {
                    awaitStart(start);
                    return this.alerts.check(List.of(candidate(errorId, now)));
                }, workers));
            }
            start.countDown();
            long won = claims.stream().map(CompletableFuture::join).mapToLong(List::size).sum();

            assertThat(won).isOne();
            assertThat(jdbc.sql("select count(*) from hot_alert where error_id = ?").param(errorId).query(Integer.class)
                    .single()).isOne();
            assertThat(this.alerts.check(List.of(candidate(errorId, now)))).isEmpty();
        }
        finally {
            workers.shutdownNow();
        }
    }

    @Test
    void errorsOfAPollAreCheckedTogetherEachAgainstItsOwnWindow() {
        JdbcClient jdbc = JdbcClient.create(this.dataSource);
        // two hours ago: the alert poll (which looks at the last half hour) leaves these errors alone
        Instant t = Instant.now().minus(Duration.ofHours(2));
        long hot = error(jdbc, t, 0, 60, 120, 300, 600);
        long four = error(jdbc, t, 0, 60, 120, 300);
        long spread = error(jdbc, t, 0, 60, 120, 2400, 3000);
        long alerted = error(jdbc, t, 0, 60, 120, 300, 600);
        jdbc.sql("update spelling_error set hot_alerted_at = now() where id = ?").param(alerted).update();
        // each window ends where that error's latest report of the poll was received: this one's 50 minutes
        // before the others', and 5 of its 6 reports are in it (none would be in theirs)
        long late = error(jdbc, t, 5000, 3000, 2950, 2900, 2850, 2800);
        Instant lateWindowEnd = t.minusSeconds(2800);

        List<Long> alerts = this.alerts.check(List.of(new HotAlertRepository.Candidate(late, lateWindowEnd),
                candidate(hot, t), candidate(four, t), candidate(spread, t), candidate(alerted, t)));

        assertThat(alerts).hasSize(2);
        assertThat(jdbc.sql("select error_id, report_count from hot_alert where id = any(?) order by error_id")
                .param(alerts.toArray(Long[]::new)).query((rs, row) -> List.of(rs.getLong(1), (long) rs.getInt(2))).list())
                .containsExactly(List.of(hot, 5L), List.of(late, 5L));
        assertThat(this.alerts.check(List.of(candidate(hot, t), candidate(late, lateWindowEnd)))).isEmpty();
    }

    /**
     * The report received at a window's very end is in it, whatever its nanoseconds: the window's end
     * and the receipt times go to PostgreSQL alike, so they are rounded to microseconds alike.
     */
    @Test
    void theReportReceivedAtAWindowsVeryEndIsInIt() {
        JdbcClient jdbc = JdbcClient.create(this.dataSource);
        Instant t = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .plusNanos(124_500);
        long hot = error(jdbc, t, 0, 60, 120, 300, 600);

        assertThat(this.alerts.check(List.of(candidate(hot, t)))).hasSize(1);
    }

    @Test
    void errorsFoundHotTogetherByManyWorkersInDifferentOrdersAreEachAlertedExactlyOnce() throws Exception {
        JdbcClient jdbc = JdbcClient.create(this.dataSource);
        Instant t = Instant.now().minus(Duration.ofHours(2));
        List<HotAlertRepository.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            candidates.add(candidate(error(jdbc, t, 0, 10, 20, 30, 40), t));
        }
        List<HotAlertRepository.Candidate> reversed = new ArrayList<>(candidates);
        Collections.reverse(reversed);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<CompletableFuture<List<Long>>> claims = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                // half of them see the errors the other way round: claiming must not deadlock
                List<HotAlertRepository.Candidate> order = (i % 2 == 0) ? candidates : reversed;
                claims.add(CompletableFuture.supplyAsync(() -> {
                    awaitStart(start);
                    return this.alerts.check(order);
                }, workers));
            }
            start.countDown();
            List<Long> won = claims.stream().map(CompletableFuture::join).flatMap(List::stream).toList();

            assertThat(won).hasSize(candidates.size());
            assertThat(jdbc.sql("select count(*) from hot_alert where error_id = any(?) group by error_id")
                    .param(candidates.stream().map(HotAlertRepository.Candidate::errorId).toArray(Long[]::new))
                    .query(Integer.class).list()).hasSize(candidates.size()).containsOnly(1);
        }
        finally {
            workers.shutdownNow();
        }
    }

    private static HotAlertRepository.Candidate candidate(long errorId, Instant at) {
        return new HotAlertRepository.Candidate(errorId, at);
    }

    /** An open error with five reports received within the last minute, stored without events. */
    private static long hotError(JdbcClient jdbc, Instant now) {
        return error(jdbc, now, 0, 10, 20, 30, 40);
    }

    /**
     * An open error, stored without events, its last report received at {@code t}.
     * @param secondsBefore for each report, how long before {@code t} it was received
     */
    private static void awaitStart(CountDownLatch start) {
        try {
            assertThat(start.await(10, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
