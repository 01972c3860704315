package io.github.spellingreports.worker.digest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.spellingreports.worker.queue.LatestComments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the digest: candidates in the moderation queue, the {@code digest} archive and its
 * send state. PostgreSQL only.
 */
@Repository
class DigestRepository {

    private static final Logger log = LoggerFactory.getLogger(DigestRepository.class);

    /** Key of the advisory lock that serialises digest builds across workers ("SPELLDIG"). */
    static final long BUILD_LOCK = 0x5350454C4C444947L;

    /** How long recorded digest runs are kept: only the latest slot is looked up, so a little over a month's worth. */
    static final Duration SLOT_RUNS_KEPT = Duration.ofDays(35);

    /** Key of the advisory lock one scheduled digest run holds from its page check to its last send ("SPELLRUN"). */
    static final long RUN_LOCK = 0x5350454C4C52554EL;

    private final JdbcClient jdbc;

    private final JdbcTemplate jdbcTemplate;

    DigestRepository(JdbcTemplate jdbcTemplate) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.jdbcTemplate = jdbcTemplate;
    }

    /**
     * Runs a scheduled digest run while no other worker runs one: a session's lock on a connection of
     * its own, held while the run fetches pages and sends mail in other connections, and released
     * with that connection should this worker die.
     */
    <T> T whileNoOtherRun(Supplier<T> run) {
        return this.jdbcTemplate.execute((ConnectionCallback<T>) (connection) -> {
            // the wait lasts as long as the other worker's run (its page check, its mail), longer than the
            // pool's socket timeout (spelling.worker.database-socket-timeout), which would fail it; the
            // pool puts the timeout back when the connection returns
            connection.setNetworkTimeout(Runnable::run, 0);
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(?)")) {
                lock.setLong(1, RUN_LOCK);
                lock.execute();
            }
            try {
                return run.get();
            }
            finally {
                try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                    unlock.setLong(1, RUN_LOCK);
                    unlock.execute();
                }
                catch (SQLException ex) {
                    // the connection is gone, and the lock with it
                    log.debug("Digest run lock not released: {}", ex.toString());
                }
            }
        });
    }

    /** Blocks until no other transaction builds a digest; released when this transaction ends. */
    void lockBuilds() {
        this.jdbc.sql("select pg_advisory_xact_lock(?)").param(BUILD_LOCK).query().listOfRows();
    }

    /**
     * @return whether a run for this scheduled time was recorded, or a digest built for it (by a
     *         version that did not record runs yet)
     */
    boolean slotTaken(Instant slot) {
        return this.jdbc.sql("""
                select exists (select 1 from digest_slot_run where slot = ?)
                    or exists (select 1 from digest where slot = ?)""")
                .param(utc(slot)).param(utc(slot)).query(Boolean.class).single();
    }

    /**
     * @return when this database was set up: Flyway's first migration, read back in the session's
     *         time zone it was written in; empty when the history table cannot be read (a schema
     *         managed without Flyway)
     */
    Optional<Instant> installedAt() {
        try {
            return this.jdbc.sql("""
                    select min(installed_on) at time zone current_setting('TimeZone')
                    from flyway_schema_history where success""")
                    .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
        }
        catch (DataAccessException ex) {
            return Optional.empty();
        }
    }

    /**
     * Records that the digest run for this scheduled time took place, with or without a digest;
     * runs older than {@link #SLOT_RUNS_KEPT} go, since only the latest slot is ever looked up.
     */
    void recordSlotRun(Instant slot) {
        this.jdbc.sql("insert into digest_slot_run (slot) values (?) on conflict do nothing").param(utc(slot)).update();
        this.jdbc.sql("delete from digest_slot_run where slot < ?").param(utc(slot.minus(SLOT_RUNS_KEPT))).update();
    }

    /**
     * @return every NEW error with reports not yet in a digest, locked until the transaction ends
     */
    List<Candidate> lockCandidates() {
        return candidates(" for update");
    }

    /**
     * @return every NEW error with reports not yet in a digest, as it is now (not locked: what a digest built now
     *         would cover)
     */
    List<Candidate> candidates() {
        return candidates("");
    }

    private List<Candidate> candidates(String lock) {
        return this.jdbc.sql("""
                select id, page_url, page_title, lang, selection, context_before, context_after,
                       report_count, digested_report_count, reported_after_fix
                from spelling_error
                where status = 'NEW' and report_count > digested_report_count
                order by id""" + lock)
                .query((rs, row) -> new Candidate(rs.getLong("id"), rs.getString("page_url"), rs.getString("page_title"),
                        rs.getString("lang"), rs.getString("selection"), rs.getString("context_before"),
                        rs.getString("context_after"), rs.getInt("report_count"), rs.getInt("digested_report_count"),
                        rs.getBoolean("reported_after_fix")))
                .list();
    }

    /**
     * @param errorIds errors
     * @param max distinct comments wanted per error
     * @return each error's most recent distinct comments, oldest first, and whether it has more
     */
    Map<Long, LatestComments> comments(List<Long> errorIds, int max) {
        return LatestComments.of(this.jdbc, errorIds, max);
    }

    /**
     * @param errorIds errors
     * @param max other selections wanted per error
     * @return per error that has them, the selections readers made of it besides the one it shows
     *         (overlapping selections of one mistake), most reported first; variants of the same
     *         selection with other context (an edited article) count as that selection
     */
    Map<Long, List<DigestEntry.OtherSelection>> otherSelections(List<Long> errorIds, int max) {
        Map<Long, List<DigestEntry.OtherSelection>> others = new LinkedHashMap<>();
        this.jdbc.sql("""
                select v.error_id, v.selection, sum(v.report_count) as report_count
                from error_variant v join spelling_error e on e.id = v.error_id
                where v.error_id = any(?) and v.selection <> e.selection
                group by v.error_id, v.selection
                order by v.error_id, report_count desc, min(v.id)""")
                .param(errorIds.toArray(Long[]::new))
                .query((ResultSet rs) -> {
                    List<DigestEntry.OtherSelection> list = others.computeIfAbsent(rs.getLong("error_id"),
                            (key) -> new ArrayList<>());
                    if (list.size() < max) {
                        list.add(new DigestEntry.OtherSelection(rs.getString("selection"), rs.getInt("report_count")));
                    }
                });
        return others;
    }

    /**
     * Records a digest as PENDING, already claimed by the caller so that it can send it at once.
     * @return the digest's id
     */
    long insertClaimed(Instant slot, String desk, String subject, String from, List<String> recipients, String html, String text,
            int errorCount, int reportCount, Duration claimTimeout) {
        return this.jdbc.sql("""
                insert into digest (slot, desk, status, subject, mail_from, recipients, html_body, text_body,
                                    error_count, report_count, attempts, next_attempt_at, claimed_until)
                values (?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, 1, now(), now() + ? * interval '1 millisecond')
                returning id""")
                .params(utc(slot), desk, subject, from, String.join(", ", recipients), html, text, errorCount, reportCount,
                        claimTimeout.toMillis())
                .query(Long.class).single();
    }

    /** Records the errors a digest covers, listed in full or summarised (one statement, however many). */
    void insertItems(long digestId, List<Candidate> errors) {
        this.jdbc.sql("""
                insert into digest_item (digest_id, error_id, report_count, new_reports)
                select ?, e.id, e.report_count, e.new_reports
                from unnest(?::bigint[], ?::integer[], ?::integer[]) as e(id, report_count, new_reports)""")
                .params(digestId, errors.stream().map(Candidate::id).toArray(Long[]::new),
                        errors.stream().map(Candidate::reportCount).toArray(Integer[]::new),
                        errors.stream().map(Candidate::newReports).toArray(Integer[]::new))
                .update();
    }

    void markDigested(List<Long> errorIds) {
        this.jdbc.sql("update spelling_error set digested_report_count = report_count where id = any(?)")
                .param(errorIds.toArray(Long[]::new)).update();
    }

    /** @return ids of PENDING digests due for sending whose claim (if any) expired */
    List<Long> due(int limit) {
        return this.jdbc.sql("""
                select id from digest
                where status = 'PENDING' and next_attempt_at <= now() and (claimed_until is null or claimed_until < now())
                order by next_attempt_at, id
                limit ?""").param(limit).query(Long.class).list();
    }

    /**
     * Claims a due digest atomically: of several workers only one gets it.
     * @return the digest when this caller claimed it
     */
    Optional<ClaimedDigest> claim(long id, Duration claimTimeout) {
        return this.jdbc.sql("""
                update digest set claimed_until = now() + ? * interval '1 millisecond', attempts = attempts + 1
                where id = ? and status = 'PENDING' and (claimed_until is null or claimed_until < now())
                  and next_attempt_at <= now()
                returning id, subject, mail_from, recipients, html_body, text_body, attempts, error_count, report_count""")
                .params(claimTimeout.toMillis(), id)
                .query(CLAIMED).optional();
    }

    /**
     * Renews the claim of a digest this caller built and claimed, unless another worker claimed it
     * meanwhile (its claim expired while the digests before it were sent): a claim counts an attempt,
     * so the attempts are as the caller left them only while the claim is the caller's. The renewal
     * starts now, when the statement runs, not when its transaction began.
     * @param attempts the attempts as the caller claimed it
     * @return whether the claim is still the caller's, for another {@code claimTimeout}
     */
    boolean renewClaim(long id, int attempts, Duration claimTimeout) {
        return this.jdbc.sql("""
                update digest set claimed_until = clock_timestamp() + ? * interval '1 millisecond'
                where id = ? and status = 'PENDING' and attempts = ?""")
                .params(claimTimeout.toMillis(), id, attempts).update() == 1;
    }

    /**
     * @param note who did not get it and why, when the server refused some recipients; {@code null}
     *        when it took the digest for all of them
     */
    void markSent(long id, String note) {
        this.jdbc.sql("""
                update digest set status = 'SENT', sent_at = now(), claimed_until = null,
                                  last_failure = coalesce(?, last_failure)
                where id = ? and status = 'PENDING'""").params(note, id).update();
    }

    void markFailed(long id, Duration retryIn, String failure) {
        this.jdbc.sql("""
                update digest set next_attempt_at = now() + ? * interval '1 millisecond', claimed_until = null,
                                  last_failure = ?
                where id = ? and status = 'PENDING'""").params(retryIn.toMillis(), failure, id).update();
    }

    Optional<DigestSummary> summary(long id) {
        return this.jdbc.sql("""
                select id, desk, status, error_count, report_count, recipients, attempts, created_at, sent_at,
                       next_attempt_at, last_failure
                from digest where id = ?""").param(id).query(SUMMARY).optional();
    }

    private static OffsetDateTime utc(Instant instant) {
        return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return (timestamp != null) ? timestamp.toInstant() : null;
    }

    private static final RowMapper<ClaimedDigest> CLAIMED = (rs, row) -> new ClaimedDigest(rs.getLong("id"),
            rs.getString("subject"), rs.getString("mail_from"), rs.getString("recipients"), rs.getString("html_body"),
            rs.getString("text_body"), rs.getInt("attempts"), rs.getInt("error_count"), rs.getInt("report_count"));

    private static final RowMapper<DigestSummary> SUMMARY = (rs, row) -> new DigestSummary(rs.getLong("id"),
            rs.getString("status"), rs.getInt("error_count"), rs.getInt("report_count"), recipients(rs.getString("recipients")),
            rs.getInt("attempts"), instant(rs, "created_at"), instant(rs, "sent_at"), instant(rs, "next_attempt_at"),
            rs.getString("last_failure"), rs.getString("desk"));

    private static List<String> recipients(String joined) {
        List<String> recipients = new ArrayList<>();
        Arrays.stream(joined.split(",")).map(String::strip).filter((address) -> !address.isEmpty()).forEach(recipients::add);
        return recipients;
    }

    /**
     * An error with reports not yet in a digest.
     *
     * @param id the error's id
     * @param pageUrl canonical page URL
     * @param pageTitle page title, may be {@code null}
     * @param lang page language, may be {@code null}
     * @param selection the reported text
     * @param contextBefore text before it
     * @param contextAfter text after it
     * @param reportCount reports in all
     * @param digestedReportCount reports the previous digests covered or a moderation decision settled
     * @param reportedAgainAfterFix whether it was reopened by a report after it was fixed
     */
    record Candidate(long id, String pageUrl, String pageTitle, String lang, String selection, String contextBefore,
            String contextAfter, int reportCount, int digestedReportCount, boolean reportedAgainAfterFix) {

        /** The order of a digest: most reported first, then most new reports, then the oldest error. */
        static final Comparator<Candidate> MOST_REPORTED_FIRST = Comparator.comparingInt(Candidate::reportCount).reversed()
                .thenComparing(Comparator.comparingInt(Candidate::newReports).reversed())
                .thenComparingLong(Candidate::id);

        /** @return reports since the previous digest */
        int newReports() {
            return this.reportCount - this.digestedReportCount;
        }

    }

}
