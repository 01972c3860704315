package io.github.spellingreports.worker.queue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

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
     * Adds the report to its error, creating the error on its first report; all or nothing.
     * @param report a valid report
     * @return what happened
     */
    @Transactional
    Outcome store(IncomingReport report) {
        long errorId = upsertError(report);
        if (!insertReport(report, errorId)) {
            // A redelivery: roll back, so that an error row inserted just now does not stay behind
            // with no report, and the error's page title and language stay as they were.
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            log.info("Ignored redelivered report reportId={} errorId={}", report.reportId(), errorId);
            return new Outcome(errorId, 0, false);
        }
        reopenIfFixed(errorId);
        int reportCount = countReport(errorId, report.receivedAt());
        log.info("Stored report reportId={} errorId={} reportCount={}", report.reportId(), errorId, reportCount);
        // delivered to @TransactionalEventListener after commit (hot-typo alerts): never inside this transaction
        this.events.publishEvent(new ReportStored(errorId, reportCount, report.receivedAt()));
        return new Outcome(errorId, reportCount, true);
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
    }

}
