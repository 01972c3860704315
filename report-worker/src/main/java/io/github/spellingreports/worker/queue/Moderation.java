package io.github.spellingreports.worker.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes error statuses and keeps their audit trail. A decision (FIXED, DISMISSED, SPAM) settles
 * the reports the error has: its {@code digested_report_count} moves up to its {@code report_count},
 * so that after a reopen only the reports since the decision show as new in the digest.
 */
@Service
public class Moderation {

    /** The {@code changedBy} of changes nobody made by hand. */
    public static final String SYSTEM = "system";

    /** Longest note kept; longer ones are cut. */
    public static final int MAX_NOTE = 1000;

    private static final Logger log = LoggerFactory.getLogger(Moderation.class);

    private final JdbcClient jdbc;

    Moderation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param errorId the error
     * @param to the new status
     * @param by login name of the editor
     * @param via where the change comes from
     * @param note optional note for the audit trail
     * @return the audit entry
     * @throws ErrorNotFoundException when there is no such error
     * @throws InvalidTransitionException when the error's status cannot become {@code to}
     */
    @Transactional
    public StatusChange change(long errorId, ErrorStatus to, String by, Via via, String note) {
        ErrorStatus from = this.jdbc.sql("select status from spelling_error where id = :id for update")
                .param("id", errorId)
                .query((rs, row) -> ErrorStatus.valueOf(rs.getString(1)))
                .optional()
                .orElseThrow(() -> new ErrorNotFoundException(errorId));
        if (!from.canChangeTo(to)) {
            throw new InvalidTransitionException(errorId, from, to);
        }
        this.jdbc.sql("""
                update spelling_error
                   set status = :to, status_changed_at = now(), reported_after_fix = false,
                       digested_report_count = case when :to = 'NEW' then digested_report_count else report_count end
                 where id = :id
                """).param("to", to.name()).param("id", errorId).update();
        StatusChange change = record(errorId, from, to, by, via, note);
        log.info("Error {} {} -> {} by {} ({})", errorId, from, to, by, via.label());
        return change;
    }

    /**
     * Applies one status to several errors; those that cannot take it (already settled, gone) are skipped.
     * @return how many changed
     */
    @Transactional
    public int changeAll(List<Long> errorIds, ErrorStatus to, String by, Via via, String note) {
        int changed = 0;
        // locked in ascending order of id, as the consumer, the digest and the alerts lock them: in the
        // order the queue shows them (most reported first) a bulk change and a poll could each hold
        // one error the other waited for, and PostgreSQL broke the deadlock by failing one of them
        for (long id : errorIds.stream().distinct().sorted().toList()) {
            try {
                change(id, to, by, via, note);
                changed++;
            }
            catch (ErrorNotFoundException | InvalidTransitionException ex) {
                log.debug("Bulk change skipped error {}: {}", id, ex.getMessage());
            }
        }
        return changed;
    }

    /** @return whether the error's status changed after that instant (by an editor, a link, a reopen) */
    @Transactional(readOnly = true)
    public boolean statusChangedAfter(long errorId, Instant instant) {
        return this.jdbc.sql("select exists (select 1 from spelling_error where id = :id and status_changed_at > :at)")
                .param("id", errorId).param("at", OffsetDateTime.ofInstant(instant, ZoneOffset.UTC))
                .query(Boolean.class).single();
    }

    /**
     * @return the error's audit trail, oldest first: in the order the changes were recorded, under
     *         the error's lock (a reopen by a poll that began before an editor's fix, and waited for
     *         it, comes after it), each at the time it was recorded rather than when its transaction began
     */
    @Transactional(readOnly = true)
    public List<StatusChange> history(long errorId) {
        return this.jdbc.sql("""
                select error_id, from_status, to_status, changed_by, via, note, changed_at
                  from status_change where error_id = :id order by id
                """).param("id", errorId).query(Moderation::statusChange).list();
    }

    StatusChange record(long errorId, ErrorStatus from, ErrorStatus to, String by, Via via, String note) {
        return this.jdbc.sql("""
                insert into status_change (error_id, from_status, to_status, changed_by, via, note, changed_at)
                values (:errorId, :from, :to, :by, :via, :note, clock_timestamp())
                returning error_id, from_status, to_status, changed_by, via, note, changed_at
                """)
                .param("errorId", errorId).param("from", from.name()).param("to", to.name())
                .param("by", by).param("via", via.label()).param("note", note(note))
                .query(Moderation::statusChange).single();
    }

    private static String note(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        // a form's text area sends its line breaks as CRLF
        String text = note.strip().replace("\r\n", "\n");
        return (text.length() > MAX_NOTE) ? text.substring(0, MAX_NOTE) : text;
    }

    private static StatusChange statusChange(ResultSet rs, int row) throws SQLException {
        return new StatusChange(rs.getLong("error_id"), ErrorStatus.valueOf(rs.getString("from_status")),
                ErrorStatus.valueOf(rs.getString("to_status")), rs.getString("changed_by"), rs.getString("via"),
                rs.getString("note"), rs.getObject("changed_at", OffsetDateTime.class).toInstant());
    }

    /** Where a status change came from; shown in the audit trail. */
    public enum Via {

        CONSOLE("console"), API("api"), DIGEST_LINK("via digest link"), REPORT("new report"), PAGE_CHECK("page check");

        private final String label;

        Via(String label) {
            this.label = label;
        }

        public String label() {
            return this.label;
        }

    }

}
