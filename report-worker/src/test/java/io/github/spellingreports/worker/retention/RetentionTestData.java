package io.github.spellingreports.worker.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.github.spellingreports.events.DedupKey;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Errors, reports, history and digest items put straight into the tables with the ages a test
 * needs. Every error gets its own page URL, so tests sharing the database do not meet.
 */
final class RetentionTestData {

    private final JdbcClient jdbc;

    RetentionTestData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Instant daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days));
    }

    /** @return the id of a new error with this status, changed at {@code statusChangedAt}, and no reports */
    long error(String status, Instant statusChangedAt, int reportCount, Instant first, Instant last) {
        String page = "https://news.example.com/retention/" + UUID.randomUUID();
        return this.jdbc.sql("""
                insert into spelling_error (dedup_key, page_url, page_title, lang, selection, context_before, context_after,
                                            report_count, status, status_changed_at, first_reported_at, last_reported_at)
                values (?, ?, 'Retention test', 'en', 'teh', 'in ', ' end', ?, ?, ?, ?, ?) returning id""")
                .params(DedupKey.of(page, "in ", "teh", " end"), page, reportCount, status, timestamp(statusChangedAt),
                        Timestamp.from(first), Timestamp.from(last))
                .query(Long.class).single();
    }

    /** @return the id of a new report of the error, with a comment and a client hash */
    UUID report(long errorId, Instant receivedAt) {
        UUID id = UUID.randomUUID();
        this.jdbc.sql("""
                insert into report (report_id, error_id, received_at, comment, lang, client_hash)
                values (?, ?, ?, 'a comment', 'en', ?)""")
                .params(id, errorId, Timestamp.from(receivedAt), "hash-" + id).update();
        return id;
    }

    void history(long errorId, String to) {
        this.jdbc.sql("insert into status_change (error_id, from_status, to_status, changed_by, via) values (?, 'NEW', ?, 'admin', 'api')")
                .params(errorId, to).update();
    }

    /** @return the id of a new sent digest listing the errors */
    long digestListing(long... errorIds) {
        long digestId = this.jdbc.sql("""
                insert into digest (status, subject, mail_from, recipients, html_body, text_body, error_count, report_count)
                values ('SENT', 'Retention test', 'from@example.com', 'editors@example.com', '<p>x</p>', 'x', ?, ?)
                returning id""").params(errorIds.length, errorIds.length).query(Long.class).single();
        for (long errorId : errorIds) {
            this.jdbc.sql("insert into digest_item (digest_id, error_id, report_count, new_reports) values (?, ?, 1, 1)")
                    .params(digestId, errorId).update();
        }
        return digestId;
    }

    /** @return the id of a digest (with a reader's comment in its text) in that status, sent then if SENT */
    long digestMail(String status, Instant createdAt) {
        return this.jdbc.sql("""
                insert into digest (status, subject, mail_from, recipients, html_body, text_body, error_count, report_count,
                                    created_at, sent_at)
                values (?, 'Mail retention test', 'from@example.com', 'editors@example.com',
                        '<p>Comment: call me on 555-0100</p>', 'Comment: call me on 555-0100', 1, 1, ?, ?)
                returning id""").params(status, Timestamp.from(createdAt), "SENT".equals(status) ? Timestamp.from(createdAt) : null)
                .query(Long.class).single();
    }

    /** @return the id of a hot-typo alert of the error, created then, with its mail in that status */
    long alertMail(long errorId, String mailStatus, Instant createdAt) {
        return this.jdbc.sql("""
                insert into hot_alert (error_id, desk, report_count, created_at, mail_status, recipients, sender, subject,
                                       body_html, body_text, webhook_status, webhook_text)
                values (?, 'default', 5, ?, ?, 'editors@example.com', 'from@example.com', 'Hot typo',
                        '<p>Comment: call me on 555-0100</p>', 'Comment: call me on 555-0100', 'NONE', 'Comment: call me')
                returning id""").params(errorId, Timestamp.from(createdAt), mailStatus).query(Long.class).single();
    }

    String mailText(String table, String column, long id) {
        return this.jdbc.sql("select " + column + " from " + table + " where id = ?").param(id).query(String.class).single();
    }

    String usedLink(long errorId, Instant expiresAt) {
        String signature = UUID.randomUUID().toString().replace("-", "");
        this.jdbc.sql("insert into used_action_link (signature, error_id, action, expires_at) values (?, ?, 'fixed', ?)")
                .params(signature, errorId, Timestamp.from(expiresAt)).update();
        return signature;
    }

    int count(String table, String column, Object value) {
        return this.jdbc.sql("select count(*) from " + table + " where " + column + " = ?").param(value)
                .query(Integer.class).single();
    }

    String clientHash(UUID reportId) {
        return this.jdbc.sql("select client_hash from report where report_id = ?").param(reportId)
                .query(String.class).optional().orElse(null);
    }

    private static Timestamp timestamp(Instant instant) {
        return (instant != null) ? Timestamp.from(instant) : null;
    }

}
