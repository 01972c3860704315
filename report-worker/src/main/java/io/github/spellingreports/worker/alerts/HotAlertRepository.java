package io.github.spellingreports.worker.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of hot-typo alerts: the window count, the once-per-open-error claim and the send state of
 * {@code hot_alert}. PostgreSQL only.
 */
@Repository
class HotAlertRepository {

    private final JdbcClient jdbc;

    HotAlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @return the error's reports received in {@code (at - window, at]} and stored since its last reopen;
     *         0 when the error cannot alert (not open, or alerted already in its current opening)
     */
    int reportsInWindow(long errorId, Instant at, Duration window) {
        // stored_at >= status_changed_at: after a reopen only the reports since then make it hot again.
        // The error's own conditions first: a popular error gets a check per poll long after its alert,
        // and for it no report should be counted.
        return this.jdbc.sql("""
                select count(*) from report r join spelling_error e on e.id = r.error_id
                 where r.error_id = :id and r.received_at > :from and r.received_at <= :to
                   and e.status = 'NEW' and (e.hot_alerted_at is null or e.hot_alerted_at < e.status_changed_at)
                   and r.stored_at >= coalesce(e.status_changed_at, '-infinity'::timestamptz)
                """)
                .param("id", errorId).param("from", utc(at.minus(window))).param("to", utc(at))
                .query(Integer.class).single();
    }

    /**
     * Marks the error alerted unless it already is for its current opening; of concurrent callers
     * (threads or workers) exactly one gets the error back. A reopen sets {@code status_changed_at},
     * which makes an older mark void.
     * @return the error, when this call won the alert
     */
    Optional<HotError> claim(long errorId) {
        return this.jdbc.sql("""
                update spelling_error set hot_alerted_at = now()
                 where id = :id and status = 'NEW'
                   and (hot_alerted_at is null or hot_alerted_at < status_changed_at)
                returning id, page_url, page_title, lang, selection, context_before, context_after, report_count
                """)
                .param("id", errorId)
                .query((rs, row) -> new HotError(rs.getLong("id"), rs.getString("page_url"), rs.getString("page_title"),
                        rs.getString("lang"), rs.getString("selection"), rs.getString("context_before"),
                        rs.getString("context_after"), rs.getInt("report_count")))
                .optional();
    }

    /** @return open, not yet alerted errors with a report received within the window: hot ones an event missed */
    List<Sweep> unalertedRecent(Duration window, int threshold) {
        return this.jdbc.sql("""
                select id, last_reported_at from spelling_error
                 where status = 'NEW' and report_count >= :threshold and last_reported_at > now() - :window * interval '1 second'
                   and (hot_alerted_at is null or hot_alerted_at < status_changed_at)
                 order by id limit 100
                """)
                .param("threshold", threshold).param("window", window.toSeconds())
                .query((rs, row) -> new Sweep(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list();
    }

    long insert(HotError error, String desk, int reportsInWindow, String mailStatus, String recipients, String from,
            AlertRenderer.RenderedAlert alert, String webhookStatus) {
        return this.jdbc.sql("""
                insert into hot_alert (error_id, desk, report_count, mail_status, recipients, sender, subject, body_html,
                        body_text, webhook_status, webhook_text)
                values (:errorId, :desk, :count, :mailStatus, :recipients, :sender, :subject, :html, :text,
                        :webhookStatus, :webhookText)
                returning id
                """)
                .param("errorId", error.id()).param("desk", desk).param("count", reportsInWindow)
                .param("mailStatus", mailStatus).param("recipients", recipients).param("sender", from)
                .param("subject", alert.subject()).param("html", alert.html()).param("text", alert.text())
                .param("webhookStatus", webhookStatus).param("webhookText", alert.webhookText())
                .query(Long.class).single();
    }

    /** @return alerts whose mail or webhook delivery is due */
    List<Long> due(Channel channel, int limit) {
        return this.jdbc.sql("select id from hot_alert where " + channel.column("status") + " = 'PENDING' and "
                + channel.column("next_attempt_at") + " <= now() and (" + channel.column("claimed_until")
                + " is null or " + channel.column("claimed_until") + " < now()) order by id limit :limit")
                .param("limit", limit).query(Long.class).list();
    }

    /** Takes one delivery for this worker until the claim times out; counts the attempt. */
    Optional<ClaimedAlert> claim(long alertId, Channel channel, Duration claimTimeout) {
        String c = channel.prefix();
        return this.jdbc.sql("update hot_alert set " + c + "claimed_until = now() + :timeout * interval '1 millisecond', "
                + c + "attempts = " + c + "attempts + 1 where id = :id and " + c + "status = 'PENDING' and ("
                + c + "claimed_until is null or " + c + "claimed_until < now()) "
                + "returning id, error_id, recipients, sender, subject, body_html, body_text, webhook_text, " + c + "attempts")
                .param("timeout", claimTimeout.toMillis()).param("id", alertId)
                .query((rs, row) -> new ClaimedAlert(rs.getLong("id"), rs.getLong("error_id"), rs.getString("recipients"),
                        rs.getString("sender"), rs.getString("subject"), rs.getString("body_html"),
                        rs.getString("body_text"), rs.getString("webhook_text"), rs.getInt(c + "attempts")))
                .optional();
    }

    void markSent(long alertId, Channel channel) {
        String c = channel.prefix();
        this.jdbc.sql("update hot_alert set " + c + "status = 'SENT', " + c + "sent_at = now(), " + c
                + "claimed_until = null where id = :id").param("id", alertId).update();
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

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
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

    /** An open error with recent reports that has no alert yet. */
    record Sweep(long errorId, Instant lastReportedAt) {
    }

    /** An alert delivery this worker holds. */
    record ClaimedAlert(long id, long errorId, String recipients, String from, String subject, String html, String text,
            String webhookText, int attempts) {
    }

}
