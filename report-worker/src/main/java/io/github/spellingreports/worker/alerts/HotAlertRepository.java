package io.github.spellingreports.worker.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.spellingreports.worker.queue.LatestComments;
import io.github.spellingreports.worker.queue.ReportStored;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of hot-typo alerts: the window count, the once-per-open-error claim and the send state of
 * {@code hot_alert}. PostgreSQL only.
 */
@Repository
class HotAlertRepository {

    /** First key of the desks' alert-slot locks ("ALRT"); the second is the desk name's hash. */
    private static final int SLOT_LOCK_SPACE = 0x414C5254;

    private final JdbcClient jdbc;

    HotAlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param errorId an error
     * @param max distinct comments wanted
     * @return its latest comments, as the digest lists them
     */
    LatestComments latestComments(long errorId, int max) {
        return LatestComments.of(this.jdbc, List.of(errorId), max).getOrDefault(errorId, LatestComments.NONE);
    }

    /**
     * Counts, for each candidate, its reports received in {@code (at - window, at]} and stored since its
     * last reopen, in one statement.
     * @return the counts by error id; an error that cannot alert (not open, or alerted already in its
     *         current opening) or has no such report is missing
     */
    Map<Long, Integer> reportsInWindows(Collection<Candidate> candidates, Duration window) {
        // stored_at >= status_changed_at: after a reopen only the reports since then make it hot again
        Map<Long, Integer> counts = new HashMap<>();
        this.jdbc.sql("""
                select n.id, count(*)
                  from unnest(:ids::bigint[], :ats::text[]) as n(id, t)
                  join spelling_error e on e.id = n.id
                  join report r on r.error_id = n.id
                       and r.received_at > n.t::timestamptz - :window * interval '1 millisecond'
                       and r.received_at <= n.t::timestamptz
                       and r.stored_at >= coalesce(e.status_changed_at, '-infinity'::timestamptz)
                 where %s
                 group by n.id
                """.formatted(ReportStored.ALERTABLE_SQL))
                .param("ids", candidates.stream().map(Candidate::errorId).toArray(Long[]::new))
                .param("ats", candidates.stream().map((candidate) -> candidate.at().toString()).toArray(String[]::new))
                .param("window", window.toMillis())
                .query((rs) -> {
                    counts.put(rs.getLong(1), rs.getInt(2));
                });
        return counts;
    }

    /**
     * Marks the errors alerted unless they already are for their current opening; of concurrent
     * callers (threads or workers) exactly one gets each error back. The rows are locked in ascending
     * id order, like storing does, so two claimants never wait for each other crosswise; a claimant
     * that waited sees the winner's mark and skips the error. A reopen sets {@code status_changed_at},
     * which makes an older mark void.
     * @return the errors this call won the alert of, by ascending id
     */
    List<HotError> claim(Collection<Long> errorIds) {
        return this.jdbc.sql("""
                with locked as (
                    select e.id from spelling_error e
                     where e.id = any(:ids::bigint[]) and %s
                     order by e.id for no key update)
                update spelling_error e set hot_alerted_at = now()
                  from locked where e.id = locked.id
                returning e.id, e.page_url, e.page_title, e.lang, e.selection, e.context_before, e.context_after,
                          e.report_count
                """.formatted(ReportStored.ALERTABLE_SQL))
                .param("ids", errorIds.toArray(Long[]::new))
                .query((rs, row) -> new HotError(rs.getLong("id"), rs.getString("page_url"), rs.getString("page_title"),
                        rs.getString("lang"), rs.getString("selection"), rs.getString("context_before"),
                        rs.getString("context_after"), rs.getInt("report_count")))
                .list().stream().sorted(Comparator.comparingLong(HotError::id)).toList();
    }

    /** @return open, not yet alerted errors with a report received within the window: hot ones an event missed */
    List<Candidate> unalertedRecent(Duration window, int threshold, int limit) {
        return this.jdbc.sql("""
                select e.id, e.last_reported_at from spelling_error e
                 where e.report_count >= :threshold and e.last_reported_at > now() - :window * interval '1 second'
                   and %s
                 order by e.id limit :limit
                """.formatted(ReportStored.ALERTABLE_SQL))
                .param("threshold", threshold).param("window", window.toSeconds()).param("limit", limit)
                .query((rs, row) -> new Candidate(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * Locks the desks' alert slots until the transaction ends. The locks are taken in ascending order
     * of their keys, so two transactions never wait for each other crosswise; a hash collision only
     * serialises two desks more than needed.
     * @param desks the desks whose alerts the transaction will record
     */
    void lockSlots(Collection<String> desks) {
        int[] keys = desks.stream().mapToInt(String::hashCode).distinct().sorted().toArray();
        this.jdbc.sql("select pg_advisory_xact_lock(?, k) from unnest(?::int[]) k")
                .param(SLOT_LOCK_SPACE).param(keys)
                .query((rs) -> {
                });
    }

    /**
     * Records an alert. Its mail and webhook message are due at once, unless the desk had an alert due
     * less than {@code mailInterval} ago: then at the desk's next slot, which it shares with every
     * alert recorded until then (those of one transaction share its time, so they share a slot too).
     * @param mailInterval shortest time between two alert mails, and two webhook messages, of the desk
     *        ({@code 0}: always at once)
     */
    long insert(HotError error, String desk, int reportsInWindow, String mailStatus, String recipients, String from,
            AlertRenderer.RenderedAlert alert, String webhookStatus, Duration mailInterval) {
        return this.jdbc.sql("""
                with previous as (
                    -- no look-up without an interval (the default): every alert is due at once
                    select max(mail_scheduled_at) as at from hot_alert
                     where :interval > 0 and desk = :desk
                       and mail_scheduled_at > now() - 2 * :interval * interval '1 millisecond'),
                slot as (
                    select case when previous.at is null or previous.at + :interval * interval '1 millisecond' <= now() then now()
                                when previous.at >= now() then previous.at
                                else previous.at + :interval * interval '1 millisecond' end as at
                      from previous)
                insert into hot_alert (error_id, desk, report_count, mail_status, recipients, sender, subject, body_html,
                        body_text, webhook_status, webhook_text, mail_scheduled_at, mail_next_attempt_at,
                        webhook_next_attempt_at)
                select :errorId, :desk, :count, :mailStatus, :recipients, :sender, :subject, :html, :text,
                       :webhookStatus, :webhookText, slot.at, slot.at, slot.at
                  from slot
                returning id
                """)
                .param("errorId", error.id()).param("desk", desk).param("count", reportsInWindow)
                .param("mailStatus", mailStatus).param("recipients", recipients).param("sender", from)
                .param("subject", alert.subject()).param("html", alert.html()).param("text", alert.text())
                .param("webhookStatus", webhookStatus).param("webhookText", alert.webhookText())
                .param("interval", mailInterval.toMillis())
                .query(Long.class).single();
    }

    /** @return alerts whose mail or webhook delivery is due */
    List<Long> due(Channel channel, int limit) {
        return this.jdbc.sql("select id from hot_alert where " + channel.column("status") + " = 'PENDING' and "
                + channel.column("next_attempt_at") + " <= now() and (" + channel.column("claimed_until")
                + " is null or " + channel.column("claimed_until") + " < now()) order by id limit :limit")
                .param("limit", limit).query(Long.class).list();
    }

    /**
     * Takes deliveries for this worker until the claim times out, those due, no other worker holds and
     * still pending; counts the attempt.
     * @return the deliveries taken, by ascending id
     */
    List<ClaimedAlert> claim(Collection<Long> alertIds, Channel channel, Duration claimTimeout) {
        String c = channel.prefix();
        return this.jdbc.sql("update hot_alert set " + c + "claimed_until = now() + :timeout * interval '1 millisecond', "
                + c + "attempts = " + c + "attempts + 1 where id = any(:ids::bigint[]) and " + c + "status = 'PENDING' and "
                + c + "next_attempt_at <= now() and ("
                + c + "claimed_until is null or " + c + "claimed_until < now()) "
                + "returning id, error_id, desk, recipients, sender, subject, body_html, body_text, webhook_text, " + c + "attempts")
                .param("timeout", claimTimeout.toMillis()).param("ids", alertIds.toArray(Long[]::new))
                .query((rs, row) -> new ClaimedAlert(rs.getLong("id"), rs.getLong("error_id"), rs.getString("desk"),
                        rs.getString("recipients"), rs.getString("sender"), rs.getString("subject"), rs.getString("body_html"),
                        rs.getString("body_text"), rs.getString("webhook_text"), rs.getInt(c + "attempts")))
                .list().stream().sorted(Comparator.comparingLong(ClaimedAlert::id)).toList();
    }

    void markSent(Collection<Long> alertIds, Channel channel) {
        String c = channel.prefix();
        this.jdbc.sql("update hot_alert set " + c + "status = 'SENT', " + c + "sent_at = now(), " + c
                + "claimed_until = null where id = any(:ids::bigint[])").param("ids", alertIds.toArray(Long[]::new)).update();
    }

    /** Schedules a retry, or gives up when {@code giveUp} (the webhook's bounded attempts). */
    void markFailed(long alertId, Channel channel, Duration retryIn, String failure, boolean giveUp) {
        String c = channel.prefix();
        this.jdbc.sql("update hot_alert set " + c + "status = :status, " + c
                + "next_attempt_at = now() + :retry * interval '1 millisecond', " + c + "claimed_until = null, " + c
                + "last_failure = :failure where id = :id")
                .param("status", giveUp ? "FAILED" : "PENDING").param("retry", retryIn.toMillis())
                .param("failure", failure).param("id", alertId).update();
    }

    /** The two ways an alert goes out, each with its own columns. */
    enum Channel {

        MAIL("mail_"), WEBHOOK("webhook_");

        private final String prefix;

        Channel(String prefix) {
            this.prefix = prefix;
        }

        String prefix() {
            return this.prefix;
        }

        String column(String name) {
            return this.prefix + name;
        }

    }

    /** An error that just became hot. */
    record HotError(long id, String pageUrl, String pageTitle, String lang, String selection, String contextBefore,
            String contextAfter, int reportCount) {
    }

    /**
     * An error that may have become hot.
     * @param errorId the error
     * @param at receipt time of its latest report: the window ends there
     */
    record Candidate(long errorId, Instant at) {
    }

    /** An alert delivery this worker holds. */
    record ClaimedAlert(long id, long errorId, String desk, String recipients, String from, String subject, String html,
            String text, String webhookText, int attempts) {
    }

}
