package io.github.spellingreports.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** B6's end of a report's latency on a real PostgreSQL with the worker's schema, commit times kept as the bench starts it. */
class E2eCommitTimeTests {

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = Fixtures.postgresWithWorkerSchema(Map.ofEntries(Bench.COMMIT_TIMESTAMPS));
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void aReportIsStoredWhenTheTransactionThatInsertedItCommits() throws SQLException {
        Instant from = Instant.now().minusSeconds(1);
        try (Connection db = postgres.getPostgresDatabase().getConnection(); Statement statement = db.createStatement()) {
            // as the worker's poll: stored_at is the transaction's start, the insert and the commit come later
            db.setAutoCommit(false);
            statement.execute("insert into report (report_id, error_id, received_at) values (gen_random_uuid(), 1, now())");
            statement.execute("select pg_sleep(0.3)");
            db.commit();
            db.setAutoCommit(true);

            E2eLatency.Result result = E2eLatency.read(db, from, 2);

            assertThat(result.commitTimes()).isTrue();
            assertThat(result.stored()).isOne();
            assertThat(result.missing()).isOne();
            assertThat(result.p50()).isGreaterThanOrEqualTo(0.3);
            assertThat(result.p99()).isInfinite();
        }
    }

}
