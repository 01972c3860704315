package io.github.spellingreports.worker.retention;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The retention job's statements; each touches at most one batch of rows and runs in the caller's
 * transaction. Rows another transaction holds are skipped, not waited for: the next run gets them.
 * Ages are measured against the database's clock, like every other time the worker stores.
 */
@Repository
class RetentionRepository {

    /** Key of the advisory lock that lets one worker purge at a time ("SPELLRET"). */
    static final long PURGE_LOCK = 0x5350454C4C524554L;

    /** What an archived mail says once the retention job removed its text. */
    static final String REMOVED_MAIL = "The text of this mail was removed by the retention job "
            + "(spelling.worker.retention.mails): it quoted readers' comments. Its subject, recipients and counts remain.";

    static final String REMOVED_MAIL_HTML = "<!DOCTYPE html><html><body><p>" + REMOVED_MAIL + "</p></body></html>";

    private final JdbcClient jdbc;

    RetentionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return {@code false} when another transaction purges; otherwise held until this one ends */
    boolean tryLock() {
        return this.jdbc.sql("select pg_try_advisory_xact_lock(?)").param(PURGE_LOCK).query(Boolean.class).single();
    }

    /**
     * Deletes fixed, dismissed and spam errors resolved longer ago than {@code age} and reported last
     * longer ago than {@code reportsAge}, with their reports; their history and digest items go by
     * cascade. NEW errors are never deleted. A dismissed or spam error that readers still report stays:
     * deleted, its next report would make it a NEW error again, the editor's decision lost, and its
     * recent reports, whose ids keep a report sent again from counting twice, with it.
     * @return how many errors and how many of their reports were deleted
     */
    Counts deleteResolvedErrors(Duration age, Duration reportsAge, int batchSize) {
        List<Long> ids = this.jdbc.sql("""
                select id from spelling_error
                 where status <> 'NEW' and status_changed_at < now() - :age * interval '1 millisecond'
                   and last_reported_at < now() - :reports * interval '1 millisecond'
                 order by status_changed_at
                 limit :batch
                 for update skip locked""")
                .param("age", age.toMillis()).param("reports", reportsAge.toMillis()).param("batch", batchSize)
                .query(Long.class).list();
        if (ids.isEmpty()) {
            return new Counts(0, 0);
        }
        Long[] idArray = ids.toArray(Long[]::new);
        int reports = this.jdbc.sql("delete from report where error_id = any(?)").param(idArray).update();
        int errors = this.jdbc.sql("delete from spelling_error where id = any(?)").param(idArray).update();
        return new Counts(errors, reports);
    }

    /** Deletes reports received longer ago than {@code age}; their errors keep counts and times. */
    int deleteReports(Duration age, int batchSize) {
        return this.jdbc.sql("""
                delete from report where report_id in (
                    select report_id from report
                     where received_at < now() - :age * interval '1 millisecond'
                     limit :batch
                     for update skip locked)""")
                .param("age", age.toMillis()).param("batch", batchSize).update();
    }

    /** Clears the client hash of reports received longer ago than {@code age}. */
    int clearClientHashes(Duration age, int batchSize) {
        return this.jdbc.sql("""
                update report set client_hash = null where report_id in (
                    select report_id from report
                     where client_hash is not null and received_at < now() - :age * interval '1 millisecond'
                     limit :batch
                     for update skip locked)""")
                .param("age", age.toMillis()).param("batch", batchSize).update();
    }

    /**
     * Deletes the records of used one-click links that expired more than a day ago: an expired link is
     * refused anyway, by the worker's clock, which may be behind the database's (the console's own
     * purge keeps the same day).
     */
    int deleteExpiredLinks(int batchSize) {
        return this.jdbc.sql("""
                delete from used_action_link where signature in (
                    select signature from used_action_link
                     where expires_at < now() - interval '1 day'
                     limit :batch
                     for update skip locked)""")
                .param("batch", batchSize).update();
    }

    /**
     * Replaces the text of sent digests older than {@code age} by {@link #REMOVED_MAIL}: they quote
     * readers' comments. Subject, recipients and counts stay. Pending digests are never touched.
     */
    int clearDigestMails(Duration age, int batchSize) {
        return this.jdbc.sql("""
                update digest set html_body = :html, text_body = :text where id in (
                    select id from digest
                     where status = 'SENT' and sent_at < now() - :age * interval '1 millisecond' and text_body <> :text
                     limit :batch
                     for update skip locked)""")
                .param("html", REMOVED_MAIL_HTML).param("text", REMOVED_MAIL)
                .param("age", age.toMillis()).param("batch", batchSize).update();
    }

    /** The same for hot-typo alerts whose mail and webhook deliveries are settled. */
    int clearAlertMails(Duration age, int batchSize) {
        return this.jdbc.sql("""
                update hot_alert set body_html = :html, body_text = :text, webhook_text = :text where id in (
                    select id from hot_alert
                     where mail_status <> 'PENDING' and webhook_status <> 'PENDING'
                       and created_at < now() - :age * interval '1 millisecond' and body_text <> :text
                     limit :batch
                     for update skip locked)""")
                .param("html", REMOVED_MAIL_HTML).param("text", REMOVED_MAIL)
                .param("age", age.toMillis()).param("batch", batchSize).update();
    }

    /**
     * @param rows rows the statement deleted or updated
     * @param dependents rows deleted with them (reports of deleted errors)
     */
    record Counts(int rows, int dependents) {
    }

}
