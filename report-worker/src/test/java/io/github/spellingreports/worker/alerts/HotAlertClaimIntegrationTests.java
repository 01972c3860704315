package io.github.spellingreports.worker.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.spellingreports.events.DedupKey;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several workers (here: threads, each with its own connection and transaction) find one error hot
 * at the same moment: exactly one of them records the alert.
 */
class HotAlertClaimIntegrationTests extends HotAndPageCheckTestSupport {

    private static final int WORKERS = 8;

    @Autowired
    HotAlerts alerts;

    @Autowired
    DataSource dataSource;

    @Test
    void errorFoundHotByManyWorkersAtOnceIsAlertedExactlyOnce() throws Exception {
        JdbcClient jdbc = JdbcClient.create(this.dataSource);
        Instant now = Instant.now();
        long errorId = hotError(jdbc, now);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<CompletableFuture<OptionalLong>> claims = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                claims.add(CompletableFuture.supplyAsync(() -> {
                    awaitStart(start);
                    return this.alerts.check(errorId, now);
                }, workers));
            }
            start.countDown();
            long won = claims.stream().map(CompletableFuture::join).filter(OptionalLong::isPresent).count();

            // the alert poll (every 200 ms here) may be a ninth claimant: one alert in all, whoever wins
            assertThat(won).isLessThanOrEqualTo(1);
            assertThat(jdbc.sql("select count(*) from hot_alert where error_id = ?").param(errorId).query(Integer.class)
                    .single()).isOne();
            assertThat(this.alerts.check(errorId, now)).isEmpty();
        }
        finally {
            workers.shutdownNow();
        }
    }

    /** An open error with five reports received within the last minute, stored without events. */
    private static long hotError(JdbcClient jdbc, Instant now) {
        String page = "https://news.example.com/claim/" + UUID.randomUUID();
        long errorId = jdbc.sql("""
                insert into spelling_error (dedup_key, page_url, page_title, lang, selection, context_before, context_after,
                                            report_count, first_reported_at, last_reported_at)
                values (?, ?, 'Claim test', 'en', 'Kazakstan', 'The government in ', ', it is said', 5, ?, ?) returning id""")
                .params(DedupKey.of(page, "The government in ", "Kazakstan", ", it is said"), page,
                        Timestamp.from(now.minusSeconds(60)), Timestamp.from(now))
                .query(Long.class).single();
        for (int i = 0; i < 5; i++) {
            jdbc.sql("insert into report (report_id, error_id, received_at) values (?, ?, ?)")
                    .params(UUID.randomUUID(), errorId, Timestamp.from(now.minusSeconds(10L * i))).update();
        }
        return errorId;
    }

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
