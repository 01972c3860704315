package io.github.spellingreports.worker.queue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.github.spellingreports.worker.queue.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The store against real PostgreSQL. Every test uses its own page, so no cleanup is needed.
 */
class ReportStoreIntegrationTests extends WorkerIntegrationTestSupport {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Autowired
    ReportStore store;

    @Autowired
    ErrorQueue queue;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void duplicateReportIncrementsCountOnce() {
        String page = Reports.uniquePage();
        ReportStore.Outcome first = store(report(page, "A ", "teh", " cat", null, T0));
        ReportStore.Outcome second = store(report(page, "A ", "teh", " cat", null, T0.plusSeconds(5)));
        assertThat(first.stored()).isTrue();
        assertThat(first.reportCount()).isEqualTo(1);
        assertThat(second.errorId()).isEqualTo(first.errorId());
        assertThat(second.reportCount()).isEqualTo(2);
        assertThat(errorsOn(page)).isEqualTo(1);
        assertThat(reportsOf(first.errorId())).isEqualTo(2);
    }

    @Test
    void redeliveredReportChangesNothing() {
        String page = Reports.uniquePage();
        SpellingErrorReported report = report(page, "A ", "teh", " cat", "typo", T0);
        ReportStore.Outcome stored = store(report);
        ReportStore.Outcome redelivered = store(report);
        assertThat(redelivered.stored()).isFalse();
        assertThat(this.queue.findById(stored.errorId())).hasValueSatisfying(error -> {
            assertThat(error.reportCount()).isEqualTo(1);
            assertThat(error.comments()).containsExactly("typo");
        });
        assertThat(reportsOf(stored.errorId())).isEqualTo(1);
    }

    @Test
    void redeliveryLeavesNoOrphanError() {
        String page = Reports.uniquePage();
        SpellingErrorReported report = report(page, "A ", "teh", " cat", null, T0);
        store(report);
        // the same report id arriving for another error (it cannot be stored twice) must not
        // leave that other error behind with no report
        SpellingErrorReported sameIdOtherError = Reports.withDedupKey(Reports.withSelection(report, "kat"),
                DedupKey.of(page, "A ", "kat", " cat"));
        assertThat(store(sameIdOtherError).stored()).isFalse();
        assertThat(errorsOn(page)).isEqualTo(1);
    }

    @Test
    void redeliveredReportInABatchLeavesTheOtherReportsStored() {
        String page = Reports.uniquePage();
        SpellingErrorReported earlier = report(page, "A ", "teh", " cat", "typo", T0);
        ReportStore.Outcome stored = store(earlier);
        SpellingErrorReported other = report(page, "A ", "teh", " cat", null, T0.plusSeconds(5));
        String otherPage = Reports.uniquePage();
        SpellingErrorReported elsewhere = report(otherPage, "A ", "teh", " cat", null, T0);
        List<ReportStore.Outcome> outcomes = this.store.storeAll(List.of(incoming(other), incoming(earlier), incoming(elsewhere)));
        assertThat(outcomes).extracting(ReportStore.Outcome::kind).containsExactly("merged", "redelivered", "new_error");
        assertThat(outcomes.get(1).errorId()).isEqualTo(stored.errorId());
        assertThat(reportsOf(stored.errorId())).isEqualTo(2);
        assertThat(this.queue.findById(stored.errorId())).hasValueSatisfying(error -> assertThat(error.reportCount()).isEqualTo(2));
        assertThat(errorsOn(otherPage)).isEqualTo(1);
    }

    @Test
    void sameReportTwiceInOneBatchCountsOnce() {
        String page = Reports.uniquePage();
        SpellingErrorReported report = report(page, "A ", "teh", " cat", null, T0);
        List<ReportStore.Outcome> outcomes = this.store.storeAll(List.of(incoming(report), incoming(report)));
        assertThat(outcomes).extracting(ReportStore.Outcome::kind).containsExactly("new_error", "redelivered");
        assertThat(this.queue.findById(outcomes.get(0).errorId()))
                .hasValueSatisfying(error -> assertThat(error.reportCount()).isEqualTo(1));
        assertThat(reportsOf(outcomes.get(0).errorId())).isEqualTo(1);
    }

    @Test
    void sameReportIdForAnotherErrorInOneBatchLeavesNoOrphanError() {
        String page = Reports.uniquePage();
        SpellingErrorReported report = report(page, "A ", "teh", " cat", null, T0);
        SpellingErrorReported sameIdOtherError = Reports.withDedupKey(Reports.withSelection(report, "kat"),
                DedupKey.of(page, "A ", "kat", " cat"));
        List<ReportStore.Outcome> outcomes = this.store.storeAll(List.of(incoming(report), incoming(sameIdOtherError)));
        assertThat(outcomes).extracting(ReportStore.Outcome::stored).containsExactly(true, false);
        assertThat(errorsOn(page)).isEqualTo(1);
    }

    @Test
    void spellingsOfOneErrorAreOneErrorWithTheirDistinctComments() {
        String page = Reports.uniquePage();
        store(report(page + "?utm_campaign=x", "Coffee in ", "caf\u00e9s", " is cheap.", "Looks wrong", T0.plusSeconds(30)));
        store(report(page.replace("https://news", "HTTPS://NEWS") + "/", "Coffee\tin\u00a0", "  cafe\u0301s\n",
                " is cheap.", "  ", T0.plusSeconds(90)));
        ReportStore.Outcome third = store(report(page, "Coffee in ", "caf\u00e9s", " is  cheap.", "Plural of cafe?", T0));
        store(report(page, "Coffee in ", "caf\u00e9s", " is cheap.", "Looks wrong", T0.plusSeconds(60)));
        assertThat(errorsOn(page)).isEqualTo(1);
        assertThat(this.queue.findById(third.errorId())).hasValueSatisfying(error -> {
            assertThat(error.reportCount()).isEqualTo(4);
            assertThat(error.pageUrl()).isEqualTo(page);
            assertThat(error.selection()).isEqualTo("caf\u00e9s");
            assertThat(error.contextBefore()).isEqualTo("Coffee in ");
            // distinct, non-blank, in the order readers wrote them (received T0, T0+30s)
            assertThat(error.comments()).isEqualTo(List.of("Plural of cafe?", "Looks wrong"));
            assertThat(error.firstReportedAt()).isEqualTo(T0);
            assertThat(error.lastReportedAt()).isEqualTo(T0.plusSeconds(90));
        });
    }

    @Test
    void threeSpellingsOfOneErrorCountThree() {
        String page = Reports.uniquePage();
        store(report(page, "Coffee in ", "caf\u00e9s", " is cheap.", null, T0));
        store(report(page + "?utm_source=feed&fbclid=1", "Coffee in ", "caf\u00e9s", " is cheap.", null, T0));
        ReportStore.Outcome third = store(report(page, "Coffee  in ", "cafe\u0301s", " is cheap.", null, T0));
        assertThat(third.reportCount()).isEqualTo(3);
        assertThat(errorsOn(page)).isEqualTo(1);
    }

    @Test
    void missingPageTitleIsFilledInByALaterReport() {
        String page = Reports.uniquePage();
        SpellingErrorReported untitled = report(page, "A ", "teh", " cat", null, T0);
        untitled = new SpellingErrorReported(untitled.schemaVersion(), untitled.reportId(), untitled.dedupKey(),
                untitled.pageUrl(), null, untitled.lang(), untitled.selection(), untitled.contextBefore(),
                untitled.contextAfter(), null, T0, null);
        long errorId = store(untitled).errorId();
        store(report(page, "A ", "teh", " cat", null, T0));
        assertThat(this.queue.findById(errorId)).hasValueSatisfying(error -> assertThat(error.pageTitle()).isEqualTo("Example news"));
    }

    @Test
    void hotErrorWithHundredsOfReportsInOnePollCountsExactly() {
        String page = Reports.uniquePage();
        SpellingErrorReported first = report(page, "A ", "teh", " cat", null, T0);
        long errorId = store(first).errorId();
        List<IncomingReport> poll = new java.util.ArrayList<>();
        for (int i = 1; i <= 499; i++) {
            poll.add(incoming(report(page, "A ", "teh", " cat", null, T0.plusSeconds(i))));
        }
        poll.add(100, incoming(first));
        List<ReportStore.Outcome> outcomes = this.store.storeAll(poll);
        assertThat(outcomes.get(0).reportCount()).isEqualTo(2);
        assertThat(outcomes.get(100).kind()).isEqualTo("redelivered");
        assertThat(outcomes.get(499).reportCount()).isEqualTo(500);
        assertThat(this.queue.findById(errorId)).hasValueSatisfying(error -> {
            assertThat(error.reportCount()).isEqualTo(500);
            assertThat(error.firstReportedAt()).isEqualTo(T0);
            assertThat(error.lastReportedAt()).isEqualTo(T0.plusSeconds(499));
        });
        assertThat(reportsOf(errorId)).isEqualTo(500);
    }

    /**
     * The retention job deletes a long-resolved error (locked, its reports first, then the error)
     * while a poll adds a report to it: the poll must fail as a whole, leaving no report without its
     * error, and store the report again as a new error on its next attempt.
     */
    @Test
    void errorDeletedWhileAReportIsAddedToItFailsThePollAndLeavesNoOrphanReport() throws Exception {
        String page = Reports.uniquePage();
        long errorId = store(report(page, "A ", "teh", " cat", null, T0)).errorId();
        SpellingErrorReported again = report(page, "A ", "teh", " cat", "still there", T0.plusSeconds(5));
        ExecutorService poll = Executors.newSingleThreadExecutor();
        try (Connection retention = this.dataSource.getConnection()) {
            retention.setAutoCommit(false);
            try (Statement statement = retention.createStatement()) {
                statement.execute("select id from spelling_error where id = " + errorId + " for update");
                statement.execute("delete from report where error_id = " + errorId);
                Future<ReportStore.Outcome> storing = poll.submit(() -> store(again));
                // the poll has found the error and now waits for the retention job's lock on it
                awaitStatementWaitingForALock("%spelling_error%");
                statement.execute("delete from spelling_error where id = " + errorId);
                retention.commit();
                assertThatThrownBy(() -> storing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(DataIntegrityViolationException.class);
            }
        }
        finally {
            poll.shutdownNow();
        }
        assertThat(this.jdbc.sql("select count(*) from report where report_id = :id").param("id", again.reportId())
                .query(Long.class).single()).isZero();
        assertThat(reportsOf(errorId)).isZero();
        ReportStore.Outcome retried = store(again);
        assertThat(retried.stored()).isTrue();
        assertThat(retried.errorId()).isNotEqualTo(errorId);
        assertThat(retried.reportCount()).isEqualTo(1);
        assertThat(reportsOf(retried.errorId())).isEqualTo(1);
    }

    @Test
    void reportValuesAreStoredExactlyWhateverTheirCharacters() {
        String page = Reports.uniquePage();
        // what COPY's text format escapes or reads as a marker: backslash, tab, line breaks, \N (null), \. (end of data)
        String comment = "line one\nline two\twith a tab\r\nback\\slash \\N \\.\n\\.\n\\N\ttypo \u00e9\uD83D\uDE00 '\"";
        SpellingErrorReported report = report(page, "A ", "teh", " cat", comment, Instant.parse("2026-11-20T10:00:00.123456789Z"));
        SpellingErrorReported noOptionals = new SpellingErrorReported(report.schemaVersion(), UUID.randomUUID(),
                report.dedupKey(), report.pageUrl(), report.pageTitle(), null, report.selection(), report.contextBefore(),
                report.contextAfter(), null, T0, null);
        List<ReportStore.Outcome> outcomes = this.store.storeAll(List.of(incoming(report), incoming(noOptionals)));
        assertThat(outcomes).extracting(ReportStore.Outcome::stored).containsExactly(true, true);
        assertThat(this.jdbc.sql("select comment, lang, client_hash, received_at from report where report_id = :id")
                .param("id", report.reportId()).query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant().toString()))
                .single()).containsExactly(comment, "en", "c1ienth4sh", "2026-11-20T10:00:00.123457Z");
        assertThat(this.jdbc.sql("select comment is null and lang is null and client_hash is null from report where report_id = :id")
                .param("id", noOptionals.reportId()).query(Boolean.class).single()).isTrue();
        assertThat(this.queue.findById(outcomes.get(0).errorId()))
                .hasValueSatisfying(error -> assertThat(error.comments()).containsExactly(comment));
    }

    @Test
    void reportAnotherTransactionStoresMeanwhileIsARedelivery() throws Exception {
        String page = Reports.uniquePage();
        long errorId = store(report(page, "A ", "teh", " cat", null, T0)).errorId();
        SpellingErrorReported report = report(page, "A ", "teh", " cat", "from the other consumer", T0.plusSeconds(5));
        SpellingErrorReported other = report(page, "A ", "teh", " cat", null, T0.plusSeconds(6));
        ExecutorService poll = Executors.newSingleThreadExecutor();
        try (Connection consumer = this.dataSource.getConnection()) {
            // a consumer that lost the partition stores the same record; this poll's COPY waits for its commit,
            // fails on the report id and leaves it to the insert that skips stored reports
            consumer.setAutoCommit(false);
            try (Statement statement = consumer.createStatement()) {
                statement.execute("insert into report (report_id, error_id, received_at) values ('" + report.reportId() + "', "
                        + errorId + ", now())");
                statement.execute("update spelling_error set report_count = report_count + 1 where id = " + errorId);
                Future<List<ReportStore.Outcome>> storing = poll.submit(() -> this.store.storeAll(List.of(incoming(other),
                        incoming(report))));
                awaitStatementWaitingForALock("copy report%");
                consumer.commit();
                assertThat(storing.get(10, TimeUnit.SECONDS)).extracting(ReportStore.Outcome::kind)
                        .containsExactly("merged", "redelivered");
            }
        }
        finally {
            poll.shutdownNow();
        }
        assertThat(reportsOf(errorId)).isEqualTo(3);
        assertThat(this.queue.findById(errorId)).hasValueSatisfying(error -> assertThat(error.reportCount()).isEqualTo(3));
    }

    /** Waits until a statement matching {@code queryLike} (SQL {@code like}) waits for another transaction's lock. */
    private void awaitStatementWaitingForALock(String queryLike) {
        await().atMost(Duration.ofSeconds(10)).until(() -> this.jdbc.sql("""
                select count(*) from pg_stat_activity
                 where wait_event_type = 'Lock' and query like :query""").param("query", queryLike)
                .query(Long.class).single() > 0);
    }

    private ReportStore.Outcome store(SpellingErrorReported report) {
        return this.store.store(incoming(report));
    }

    private static IncomingReport incoming(SpellingErrorReported report) {
        return IncomingReport.from(report.dedupKey(), report);
    }

    private long errorsOn(String page) {
        return this.jdbc.sql("select count(*) from spelling_error where page_url = :page").param("page", page)
                .query(Long.class).single();
    }

    private long reportsOf(long errorId) {
        return this.jdbc.sql("select count(*) from report where error_id = :id").param("id", errorId)
                .query(Long.class).single();
    }

}
