package io.github.spellingreports.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The drain's count check on a real PostgreSQL with the worker's own schema (its Flyway migrations, in order). */
class DrainCountsTests {

    static EmbeddedPostgres postgres;

    final Bench.Backlog backlog = Fixtures.backlog(60, 4);

    @BeforeAll
    static void start() throws Exception {
        postgres = Fixtures.postgresWithWorkerSchema(Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection db = connection(); Statement statement = db.createStatement()) {
            statement.execute("truncate report, error_variant, spelling_error cascade");
        }
    }

    @Test
    void aDrainThatStoredWhatTheBacklogPlannedIsExact() throws Exception {
        try (Connection db = connection()) {
            store(db, backlog.counts(), backlog.counts());

            assertThat(DrainCounts.read(db, backlog).exact(backlog)).isTrue();
        }
    }

    @Test
    void reportsCountedForTheWrongErrorAreFoundThoughTheTotalsAgree() throws Exception {
        int[] swapped = backlog.counts().clone();
        swapped[0]++;
        swapped[1]--;
        try (Connection db = connection()) {
            store(db, swapped, swapped);

            DrainCounts counts = DrainCounts.read(db, backlog);
            assertThat(counts.exact(backlog)).isFalse();
            assertThat(counts.describe(backlog)).contains("2 errors with another count than planned");
        }
    }

    @Test
    void variantCountsThatDoNotAddUpToTheReportsAreFound() throws Exception {
        int[] variants = backlog.counts().clone();
        variants[2]++;
        try (Connection db = connection()) {
            store(db, backlog.counts(), variants);

            DrainCounts counts = DrainCounts.read(db, backlog);
            assertThat(counts.exact(backlog)).isFalse();
            assertThat(counts.describe(backlog)).contains("variants' sum 61");
        }
    }

    /** Stores the backlog's errors with these counts, a variant each with those, and one report row per planned report. */
    void store(Connection db, int[] errorCounts, int[] variantCounts) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement error = db.prepareStatement("insert into spelling_error (dedup_key, page_url, page_title, lang,"
                + " selection, context_before, context_after, report_count, first_reported_at, last_reported_at)"
                + " values (?, ?, ?, 'en', ?, ?, ?, ?, ?, ?) returning id");
                PreparedStatement variant = db.prepareStatement("insert into error_variant (error_id, dedup_key, selection,"
                        + " report_count, first_reported_at) values (?, ?, ?, ?, ?)");
                PreparedStatement report = db.prepareStatement("insert into report (report_id, error_id, received_at)"
                        + " select gen_random_uuid(), ?, now() from generate_series(1, ?)")) {
            for (int e = 0; e < backlog.errors(); e++) {
                var event = backlog.event(e, UUID.randomUUID(), now.toInstant());
                error.setString(1, event.dedupKey());
                error.setString(2, event.pageUrl());
                error.setString(3, event.pageTitle());
                error.setString(4, event.selection());
                error.setString(5, event.contextBefore());
                error.setString(6, event.contextAfter());
                error.setInt(7, errorCounts[e]);
                error.setTimestamp(8, now);
                error.setTimestamp(9, now);
                long id;
                try (var result = error.executeQuery()) {
                    result.next();
                    id = result.getLong(1);
                }
                variant.setLong(1, id);
                variant.setString(2, event.dedupKey());
                variant.setString(3, event.selection());
                variant.setInt(4, variantCounts[e]);
                variant.setTimestamp(5, now);
                variant.executeUpdate();
                report.setLong(1, id);
                report.setInt(2, backlog.countOf(e));
                report.executeUpdate();
            }
        }
    }

    static Connection connection() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

}
