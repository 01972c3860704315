package io.github.spellingreports.worker.queue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores reports into the moderation queue: one row per distinct error, one per report, so that
 * a duplicate report counts once and a redelivered one not at all.
 */
@Service
class ReportStore {

    private static final Logger log = LoggerFactory.getLogger(ReportStore.class);

    private final JdbcClient jdbc;

    private final Moderation moderation;

    private final ApplicationEventPublisher events;

    ReportStore(JdbcClient jdbc, Moderation moderation, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.moderation = moderation;
        this.events = events;
    }

    /**
     * Stores a poll's reports in one transaction: all or nothing, one commit for all of them.
     * @param reports valid reports, in the order of their records
     * @return what happened to each, in the same order
     */
    @Transactional
    List<Outcome> storeAll(List<IncomingReport> reports) {
        List<Outcome> outcomes = new ArrayList<>(reports.size());
        int newErrors = 0;
        int merged = 0;
        for (IncomingReport report : reports) {
            // the same transaction: a report id earlier in this list counts as already stored
            Outcome outcome = store(report);
            outcomes.add(outcome);
            newErrors += "new_error".equals(outcome.kind()) ? 1 : 0;
            merged += "merged".equals(outcome.kind()) ? 1 : 0;
        }
        log.info("Stored {} reports in one transaction: new errors={} merged={} redelivered={}", newErrors + merged,
                newErrors, merged, reports.size() - newErrors - merged);
        return outcomes;
    }

    /**
     * Adds the report to its error, creating the error on its first report; all or nothing. A report
     * already stored (a redelivery) changes nothing and does not mark the transaction rollback-only,
     * so that it can share one with other reports.
     * @param report a valid report
     * @return what happened
     */
    @Transactional
    Outcome store(IncomingReport report) {
        Long storedWith = errorOfStoredReport(report);
        if (storedWith != null) {
            log.debug("Ignored redelivered report reportId={} errorId={}", report.reportId(), storedWith);
            return new Outcome(storedWith, 0, false);
        }
        long errorId = upsertError(report);
        if (!insertReport(report, errorId)) {
            // Stored by a concurrent transaction since the check (a consumer that lost its partition
            // and has not noticed yet): remove the error if this report just created it empty.
            removeIfEmpty(errorId);
            log.debug("Ignored concurrently stored report reportId={} errorId={}", report.reportId(), errorId);
            return new Outcome(errorId, 0, false);
        }
        reopenIfFixed(errorId);
        int reportCount = countReport(errorId, report.receivedAt());
        log.debug("Stored report reportId={} errorId={} reportCount={}", report.reportId(), errorId, reportCount);
        // delivered to @TransactionalEventListener after commit (hot-typo alerts): never inside this transaction
        this.events.publishEvent(new ReportStored(errorId, reportCount, report.receivedAt()));
        return new Outcome(errorId, reportCount, true);
    }

    /** The error a report with this id was stored with, or {@code null} when it is new. */
    private Long errorOfStoredReport(IncomingReport report) {
        return this.jdbc.sql("select error_id from report where report_id = :reportId")
                .param("reportId", report.reportId())
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private void removeIfEmpty(long errorId) {
        this.jdbc.sql("delete from spelling_error where id = :id and report_count = 0").param("id", errorId).update();
    }

    private long upsertError(IncomingReport report) {
        // "do update" rather than "do nothing": only then does "returning" give the existing row's id
        return this.jdbc.sql("""
                insert into spelling_error (dedup_key, page_url, page_title, lang, selection, context_before,
                        context_after, report_count, first_reported_at, last_reported_at)
                values (:dedupKey, :pageUrl, :pageTitle, :lang, :selection, :contextBefore,
                        :contextAfter, 0, :receivedAt, :receivedAt)
                on conflict (dedup_key) do update
                    set page_title = coalesce(spelling_error.page_title, excluded.page_title),
                        lang = coalesce(spelling_error.lang, excluded.lang)
                returning id
                """)
                .param("dedupKey", report.dedupKey())
                .param("pageUrl", report.pageUrl())
                .param("pageTitle", report.pageTitle())
                .param("lang", report.lang())
                .param("selection", report.selection())
                .param("contextBefore", report.contextBefore())
                .param("contextAfter", report.contextAfter())
                .param("receivedAt", utc(report.receivedAt()))
                .query(Long.class)
                .single();
    }

    private boolean insertReport(IncomingReport report, long errorId) {
        return this.jdbc.sql("""
                insert into report (report_id, error_id, received_at, comment, lang, client_hash)
                values (:reportId, :errorId, :receivedAt, :comment, :lang, :clientHash)
                on conflict (report_id) do nothing
                """)
                .param("reportId", report.reportId())
                .param("errorId", errorId)
                .param("receivedAt", utc(report.receivedAt()))
                .param("comment", report.comment())
                .param("lang", report.lang())
                .param("clientHash", report.clientHash())
                .update() == 1;
    }

    /**
     * A fixed error that readers report again is not fixed after all: back to the queue, flagged.
     * Its digested count stays where the fix settled it, so only the new reports show as new.
     * Dismissed and spam errors only count their reports.
     */
    private void reopenIfFixed(long errorId) {
        int reopened = this.jdbc.sql("""
                update spelling_error set status = 'NEW', reported_after_fix = true, status_changed_at = now()
                 where id = :id and status = 'FIXED'
                """).param("id", errorId).update();
        if (reopened == 1) {
            this.moderation.record(errorId, ErrorStatus.FIXED, ErrorStatus.NEW, Moderation.SYSTEM, Moderation.Via.REPORT,
                    "reported again after fix");
            log.info("Reopened fixed error errorId={}: reported again after fix", errorId);
        }
    }

    private int countReport(long errorId, Instant receivedAt) {
        return this.jdbc.sql("""
                update spelling_error
                   set report_count = report_count + 1,
                       first_reported_at = least(first_reported_at, :receivedAt),
                       last_reported_at = greatest(last_reported_at, :receivedAt)
                 where id = :id
                returning report_count
                """)
                .param("receivedAt", utc(receivedAt))
                .param("id", errorId)
                .query(Integer.class)
                .single();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * @param errorId the error the report belongs to
     * @param reportCount the error's report count after this report ({@code 0} when not stored)
     * @param stored {@code false} for a redelivered report, which changed nothing
     */
    record Outcome(long errorId, int reportCount, boolean stored) {

        /** @return the {@code outcome} tag of {@code spelling.worker.records}: new_error, merged or redelivered */
        String kind() {
            return !this.stored ? "redelivered" : (this.reportCount > 1) ? "merged" : "new_error";
        }
    }

}
