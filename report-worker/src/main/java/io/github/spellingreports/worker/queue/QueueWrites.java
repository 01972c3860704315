package io.github.spellingreports.worker.queue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The statements every poll runs, each for all of its rows at once: rows travel as arrays
 * ({@code unnest}) or, for the reports, as one {@code COPY}; times as ISO-8601 text, which
 * PostgreSQL reads exactly. Three statements store a poll whose dedup keys are all known (and a
 * savepoint around the reports' {@code COPY}). Runs in the caller's transaction.
 */
@Repository
class QueueWrites {

    /** SQLSTATE unique_violation: a report id that is stored already. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String COPY_REPORTS = "copy report (report_id, error_id, received_at, comment, lang, client_hash)"
            + " from stdin";

    private final JdbcClient jdbc;

    private final JdbcTemplate connections;

    QueueWrites(JdbcClient jdbc, JdbcTemplate connections) {
        this.jdbc = jdbc;
        this.connections = connections;
    }

    /** @return the variants with these dedup keys, by key */
    Map<String, KnownVariant> variants(Collection<String> dedupKeys) {
        Map<String, KnownVariant> variants = new HashMap<>();
        this.jdbc.sql("select dedup_key, id, error_id from error_variant where dedup_key = any(?::varchar[])")
                .param(dedupKeys.toArray(String[]::new))
                .query((rs) -> {
                    variants.put(rs.getString(1), new KnownVariant(rs.getLong(2), rs.getLong(3)));
                });
        return variants;
    }

    /**
     * Inserts the reports; one already stored (a redelivery, or one a concurrent transaction
     * stored) is skipped. Almost every poll's reports are all new: they go in with one {@code COPY},
     * which PostgreSQL writes in fewer steps than the insert below (a 1M backlog drained 5-20% faster,
     * bench/results/2026-12-03-vm-b3-ab*.md). When one of them is stored already, the {@code COPY}
     * fails as a whole and is rolled back to a savepoint, and the insert that skips stored reports
     * runs instead, in the same transaction.
     * @param reports reports with distinct ids
     * @param errorIds the error of each report
     * @return the ids of the reports this call inserted
     */
    Set<UUID> insertReports(List<IncomingReport> reports, List<Long> errorIds) {
        Boolean copied = this.connections.execute((ConnectionCallback<Boolean>) (connection) -> copyReports(connection,
                reports, errorIds));
        if (Boolean.TRUE.equals(copied)) {
            return reports.stream().map(IncomingReport::reportId).collect(Collectors.toSet());
        }
        return insertReportsSkippingStored(reports, errorIds);
    }

    /** @return {@code false} when a report was stored already, and nothing was copied */
    private static boolean copyReports(Connection connection, List<IncomingReport> reports, List<Long> errorIds)
            throws SQLException {
        byte[] rows = copyRows(reports, errorIds);
        Savepoint savepoint = connection.setSavepoint();
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_REPORTS);
        try {
            copy.writeToCopy(rows, 0, rows.length);
            copy.endCopy();
        }
        catch (SQLException ex) {
            if (copy.isActive()) {
                cancel(copy, ex);
            }
            if (!UNIQUE_VIOLATION.equals(ex.getSQLState())) {
                throw ex;
            }
            connection.rollback(savepoint);
            return false;
        }
        connection.releaseSavepoint(savepoint);
        return true;
    }

    /** Ends a {@code COPY} that failed on this side; the failure that made it fail stays the one thrown. */
    private static void cancel(CopyIn copy, SQLException failure) {
        try {
            copy.cancelCopy();
        }
        catch (SQLException ex) {
            failure.addSuppressed(ex);
        }
    }

    /** The reports as {@code COPY}'s text format: a line each, columns separated by tabs. */
    private static byte[] copyRows(List<IncomingReport> reports, List<Long> errorIds) {
        StringBuilder rows = new StringBuilder(reports.size() * 160);
        for (int i = 0; i < reports.size(); i++) {
            IncomingReport report = reports.get(i);
            rows.append(report.reportId()).append('\t').append(errorIds.get(i)).append('\t').append(report.receivedAt())
                    .append('\t');
            copyText(rows, report.comment()).append('\t');
            copyText(rows, report.lang()).append('\t');
            copyText(rows, report.clientHash()).append('\n');
        }
        return rows.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends a value of {@code COPY}'s text format: {@code \N} for null, backslash escapes for the rest. */
    private static StringBuilder copyText(StringBuilder rows, String value) {
        if (value == null) {
            return rows.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
        return rows;
    }

    /** Inserts the reports not stored yet, waiting for a concurrent transaction that stores one of them. */
    private Set<UUID> insertReportsSkippingStored(List<IncomingReport> reports, List<Long> errorIds) {
        Set<UUID> inserted = new HashSet<>();
        this.jdbc.sql("""
                insert into report (report_id, error_id, received_at, comment, lang, client_hash)
                select i, e, r::timestamptz, c, l, h
                  from unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[], ?::varchar[], ?::varchar[]) as n(i, e, r, c, l, h)
                on conflict (report_id) do nothing
                returning report_id
                """)
                .param(column(reports, (report) -> report.reportId().toString()))
                .param(errorIds.toArray(Long[]::new))
                .param(column(reports, (report) -> report.receivedAt().toString()))
                .param(column(reports, IncomingReport::comment))
                .param(column(reports, IncomingReport::lang))
                .param(column(reports, IncomingReport::clientHash))
                .query((rs) -> {
                    inserted.add(rs.getObject(1, UUID.class));
                });
        return inserted;
    }

    /**
     * Adds the poll's new reports to their variants and errors, in one statement: locks the errors
     * in ascending id order first (so two workers adding to the same errors never deadlock; "no key"
     * so that it does not wait for inserts that refer to them), counts, fills in a missing page title
     * or language, and reopens a FIXED error (readers report it again: it is not fixed after all). Its
     * digested count stays where the fix settled it, so only the new reports show as new.
     * @return each error's report count afterwards, status before, shown variant, and whether it can
     *         still get a hot-typo alert, by id
     */
    Map<Long, CountedError> count(Collection<Tally> variants, Collection<Tally> errors) {
        Map<Long, CountedError> counted = new HashMap<>();
        this.jdbc.sql("""
                with locked as (
                    select id, status, shown_variant_id from spelling_error
                     where id = any(?::bigint[]) order by id for no key update),
                variants as (
                    update error_variant v
                       set report_count = v.report_count + n.c, first_reported_at = least(v.first_reported_at, n.f::timestamptz)
                      from unnest(?::bigint[], ?::int[], ?::text[]) as n(id, c, f)
                     where v.id = n.id)
                update spelling_error e
                   set report_count = e.report_count + n.c,
                       first_reported_at = least(e.first_reported_at, n.f::timestamptz),
                       last_reported_at = greatest(e.last_reported_at, n.l::timestamptz),
                       page_title = coalesce(e.page_title, n.t),
                       lang = coalesce(e.lang, n.g),
                       status = case when e.status = 'FIXED' then 'NEW' else e.status end,
                       reported_after_fix = e.reported_after_fix or e.status = 'FIXED',
                       status_changed_at = case when e.status = 'FIXED' then now() else e.status_changed_at end
                  from locked, unnest(?::bigint[], ?::int[], ?::text[], ?::text[], ?::varchar[], ?::varchar[]) as n(id, c, f, l, t, g)
                 where e.id = n.id and locked.id = n.id
                returning e.id, e.report_count, locked.status, locked.shown_variant_id, %s
                """.formatted(ReportStored.ALERTABLE_SQL))
                .param(errors.stream().map(Tally::id).sorted().toArray(Long[]::new))
                .param(variants.stream().map(Tally::id).toArray(Long[]::new))
                .param(variants.stream().map(Tally::count).toArray(Integer[]::new))
                .param(variants.stream().map((tally) -> tally.first().toString()).toArray(String[]::new))
                .param(errors.stream().map(Tally::id).toArray(Long[]::new))
                .param(errors.stream().map(Tally::count).toArray(Integer[]::new))
                .param(errors.stream().map((tally) -> tally.first().toString()).toArray(String[]::new))
                .param(errors.stream().map((tally) -> tally.last().toString()).toArray(String[]::new))
                .param(errors.stream().map(Tally::pageTitle).toArray(String[]::new))
                .param(errors.stream().map(Tally::lang).toArray(String[]::new))
                .query((rs) -> {
                    counted.put(rs.getLong(1), new CountedError(rs.getInt(2), ErrorStatus.valueOf(rs.getString(3)),
                            rs.getLong(4), rs.getBoolean(5)));
                });
        return counted;
    }

    static String[] column(List<IncomingReport> reports, Function<IncomingReport, String> value) {
        return reports.stream().map(value).toArray(String[]::new);
    }

    /**
     * @param variantId the variant's id
     * @param errorId its error's id
     */
    record KnownVariant(long variantId, long errorId) {
    }

    /**
     * @param reportCount the error's report count after the poll
     * @param statusBefore its status before the poll
     * @param shownVariantId the variant it showed before the poll ({@code 0} if none)
     * @param alertable whether it is open and has had no hot-typo alert since it was (re)opened
     */
    record CountedError(int reportCount, ErrorStatus statusBefore, long shownVariantId, boolean alertable) {
    }

    /**
     * A poll's new reports of one variant or error, coalesced.
     * @param id the variant's or error's id
     * @param count how many
     * @param first the earliest receipt
     * @param last the latest receipt
     * @param pageTitle a page title among them, or {@code null}
     * @param lang a page language among them, or {@code null}
     */
    record Tally(long id, int count, Instant first, Instant last, String pageTitle, String lang) {

        static Tally of(long id, IncomingReport report) {
            return new Tally(id, 1, report.receivedAt(), report.receivedAt(), report.pageTitle(), report.lang());
        }

        Tally plus(IncomingReport report) {
            return new Tally(this.id, this.count + 1, min(this.first, report.receivedAt()),
                    max(this.last, report.receivedAt()), (this.pageTitle != null) ? this.pageTitle : report.pageTitle(),
                    (this.lang != null) ? this.lang : report.lang());
        }

        private static Instant min(Instant a, Instant b) {
            return a.isBefore(b) ? a : b;
        }

        private static Instant max(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }

    }

}
