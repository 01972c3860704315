package io.github.spellingreports.worker.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import io.github.spellingreports.events.DedupKey;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Errors, reports and accounts put straight into the tables, for console tests that do not
 * test the pipeline. Every error gets its own page URL, so tests sharing the database do not meet.
 */
final class ConsoleTestData {

    private final JdbcClient jdbc;

    ConsoleTestData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String uniquePage() {
        return "https://news.example.com/console/" + UUID.randomUUID();
    }

    /** @return the id of a new error with one report carrying the comment */
    long error(String pageUrl, String before, String selection, String after, String comment) {
        return error(pageUrl, "Console test page", before, selection, after, comment);
    }

    /** @return the id of a new error on a page with this title, with one report carrying the comment */
    long error(String pageUrl, String title, String before, String selection, String after, String comment) {
        Instant now = Instant.now();
        long id = this.jdbc.sql("""
                insert into spelling_error (dedup_key, page_url, page_title, lang, selection, context_before,
                                            context_after, report_count, first_reported_at, last_reported_at)
                values (?, ?, ?, 'en', ?, ?, ?, 1, ?, ?) returning id""")
                .params(DedupKey.of(pageUrl, before, selection, after), pageUrl, title, selection, before, after,
                        Timestamp.from(now), Timestamp.from(now))
                .query(Long.class).single();
        this.jdbc.sql("insert into report (report_id, error_id, received_at, comment, lang) values (?, ?, ?, ?, 'en')")
                .params(UUID.randomUUID(), id, Timestamp.from(now), comment).update();
        return id;
    }

    /** Adds reports to the error, each with the comment (or none), each an hour before the one before. */
    void addReports(long errorId, int count, String comment) {
        for (int i = 0; i < count; i++) {
            addReport(errorId, Instant.now().minusSeconds(3600L * (i + 1)), comment);
        }
    }

    /** Adds a report received at that time to the error. */
    void addReport(long errorId, Instant at, String comment) {
        this.jdbc.sql("insert into report (report_id, error_id, received_at, comment, lang) values (?, ?, ?, ?, 'en')")
                .params(UUID.randomUUID(), errorId, Timestamp.from(at), comment).update();
        this.jdbc.sql("""
                update spelling_error set report_count = report_count + 1,
                       first_reported_at = least(first_reported_at, ?) where id = ?""")
                .params(Timestamp.from(at), errorId).update();
    }

    String status(long errorId) {
        return this.jdbc.sql("select status from spelling_error where id = ?").param(errorId).query(String.class).single();
    }

    void deleteAccount(String username) {
        this.jdbc.sql("delete from app_user where username = ?").param(username).update();
    }

    String passwordHash(String username) {
        return this.jdbc.sql("select password_hash from app_user where username = ?").param(username)
                .query(String.class).single();
    }

}
