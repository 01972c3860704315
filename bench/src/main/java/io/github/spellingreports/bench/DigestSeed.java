package io.github.spellingreports.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Random;

import io.github.spellingreports.events.DedupKey;

/**
 * Seeds B5's digests directly into the worker's tables: what a drain of their reports would have
 * written (one spelling_error row per error with its report_count, one report row per report), in
 * seconds instead of minutes of draining. Errors are ten to a page, on pages of their own per size;
 * report counts are Zipf-like (s = 1) with at least one report per error, every report with a comment
 * (as the B3 backlog's) since the digest quotes them.
 */
final class DigestSeed {

    private DigestSeed() {
    }

    /** @return the number of reports seeded */
    static int seed(Connection db, int errors, String origin) throws SQLException {
        int[] counts = new int[errors];
        java.util.Arrays.fill(counts, 1);
        Random random = new Random(errors);
        Bench.Zipf zipf = Bench.Zipf.of(errors);
        for (int r = 0; r < 9 * errors; r++) {
            counts[zipf.sample(random)]++;
        }
        String tag = "b5s" + errors + "-";
        Timestamp now = Timestamp.from(Instant.now());
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement statement = db.createStatement()) {
            // as if a digest had gone out: only the seeded errors are new for the next one
            statement.executeUpdate("update spelling_error set digested_report_count = report_count"
                    + " where report_count > digested_report_count");
            try (PreparedStatement insert = db.prepareStatement("insert into spelling_error (dedup_key, page_url, page_title,"
                    + " lang, selection, context_before, context_after, report_count, first_reported_at, last_reported_at)"
                    + " values (?, ?, ?, 'en', ?, ?, ?, ?, ?, ?)")) {
                for (int e = 0; e < errors; e++) {
                    int page = e / 10;
                    String pageUrl = origin + "/articles/" + tag + "page-" + page;
                    String selection = tag + e;
                    String before = "A sentence on page " + page + " with ";
                    String after = " in the middle of it.";
                    insert.setString(1, DedupKey.of(pageUrl, before, selection, after));
                    insert.setString(2, pageUrl);
                    insert.setString(3, "Bench article " + page);
                    insert.setString(4, selection);
                    insert.setString(5, before);
                    insert.setString(6, after);
                    insert.setInt(7, counts[e]);
                    insert.setTimestamp(8, now);
                    insert.setTimestamp(9, now);
                    insert.addBatch();
                    if ((e + 1) % 500 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            statement.executeUpdate("insert into report (report_id, error_id, received_at, comment, lang, client_hash, stored_at)"
                    + " select gen_random_uuid(), e.id, e.first_reported_at, 'bench', 'en', '" + Bench.Backlog.CLIENT_HASH + "', e.first_reported_at"
                    + " from spelling_error e cross join lateral generate_series(1, e.report_count)"
                    + " where e.selection like '" + tag + "%'");
            db.commit();
        }
        finally {
            db.setAutoCommit(autoCommit);
        }
        int reports = 0;
        for (int count : counts) {
            reports += count;
        }
        return reports;
    }

}
