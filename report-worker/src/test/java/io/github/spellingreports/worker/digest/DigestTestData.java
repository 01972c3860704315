package io.github.spellingreports.worker.digest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import io.github.spellingreports.events.Canonical;
import io.github.spellingreports.events.DedupKey;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts errors and reports straight into the V1 queue tables, normalised the way the store does
 * ({@link Canonical}), so digest tests do not depend on the Kafka consumer.
 */
final class DigestTestData {

    private final JdbcClient jdbc;

    DigestTestData(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    void clean() {
        this.jdbc.sql("delete from digest_item").update();
        this.jdbc.sql("delete from digest").update();
        this.jdbc.sql("delete from digest_slot_run").update();
        this.jdbc.sql("delete from report").update();
        this.jdbc.sql("delete from spelling_error").update();
    }

    /** @return the id of a new error without reports */
    long error(String pageUrl, String title, String before, String selection, String after) {
        return error(pageUrl, title, "en", before, selection, after);
    }

    /** @return the id of a new error in this language without reports */
    long error(String pageUrl, String title, String lang, String before, String selection, String after) {
        Instant now = Instant.now();
        return this.jdbc.sql("""
                insert into spelling_error (dedup_key, page_url, page_title, lang, selection, context_before,
                                            context_after, first_reported_at, last_reported_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(DedupKey.of(pageUrl, before, selection, after), Canonical.pageUrl(pageUrl), title, lang,
                        Canonical.text(selection).strip(), Canonical.text(before), Canonical.text(after),
                        Timestamp.from(now), Timestamp.from(now))
                .query(Long.class).single();
    }

    /** Stores one report of the error, with an optional comment, and counts it. */
    void report(long errorId, String comment) {
        Instant now = Instant.now();
        this.jdbc.sql("insert into report (report_id, error_id, received_at, comment, lang) values (?, ?, ?, ?, 'en')")
                .params(UUID.randomUUID(), errorId, Timestamp.from(now), comment).update();
        this.jdbc.sql("update spelling_error set report_count = report_count + 1, last_reported_at = ? where id = ?")
                .params(Timestamp.from(now), errorId).update();
    }

    /** Sets the error's count (reports not digested yet) without inserting that many reports. */
    void countAs(long errorId, int reportCount) {
        this.jdbc.sql("update spelling_error set report_count = ? where id = ?").params(reportCount, errorId).update();
    }

    void reports(long errorId, int count) {
        for (int i = 0; i < count; i++) {
            report(errorId, null);
        }
    }

    int digestedReportCount(long errorId) {
        return this.jdbc.sql("select digested_report_count from spelling_error where id = ?").param(errorId)
                .query(Integer.class).single();
    }

    int digestRows() {
        return this.jdbc.sql("select count(*) from digest").query(Integer.class).single();
    }

}
