package io.github.spellingreports.worker.queue;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The set-based statements of {@link ReportStore}: each takes all rows of a poll as arrays
 * ({@code unnest}), so a poll costs a handful of round trips whatever its size. Times travel as
 * ISO-8601 text, which PostgreSQL reads exactly. Runs in the caller's transaction.
 */
@Repository
class QueueWrites {

    /** First key of the page locks ("PAGE"); the second is the page URL's hash. */
    private static final int PAGE_LOCK_SPACE = 0x50414745;

    private final JdbcClient jdbc;

    QueueWrites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the error each of these reports was stored with, for those already stored */
    Map<UUID, Long> storedReports(Collection<UUID> reportIds) {
        Map<UUID, Long> stored = new HashMap<>();
        this.jdbc.sql("select report_id, error_id from report where report_id = any(?::uuid[])")
                .param(texts(reportIds))
                .query((rs) -> {
                    stored.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        return stored;
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
     * Serialises, until the transaction ends, whatever places new variants on these pages: two
     * workers must not both create an error for two overlapping variants. The locks are taken in
     * ascending order (unnest keeps the array's order), so two transactions never wait for each other
     * crosswise; a hash collision only serialises two pages more than needed.
     */
    void lockPages(Collection<String> pageUrls) {
        int[] keys = pageUrls.stream().mapToInt(String::hashCode).distinct().sorted().toArray();
        this.jdbc.sql("select pg_advisory_xact_lock(?, k) from unnest(?::int[]) k")
                .param(PAGE_LOCK_SPACE).param(keys)
                .query((rs) -> {
                });
    }

    /** @return the stored variants of these pages with their errors, by page; older errors first */
    Map<String, List<VariantPlacement.Placed>> variantsOfPages(Collection<String> pageUrls) {
        Map<String, List<VariantPlacement.Placed>> byPage = new HashMap<>();
        this.jdbc.sql("""
                select e.page_url, v.error_id, v.selection, v.context_before, v.context_after
                  from error_variant v join spelling_error e on e.id = v.error_id
                 where e.page_url = any(?::varchar[])
                 order by v.error_id, v.id
                """)
                .param(pageUrls.toArray(String[]::new))
                .query((rs) -> {
                    byPage.computeIfAbsent(rs.getString(1), (page) -> new java.util.ArrayList<>())
                            .add(new VariantPlacement.Placed(VariantPlacement.Target.existing(rs.getLong(2)),
                                    TextWindow.of(rs.getString(4), rs.getString(3), rs.getString(5))));
                });
        return byPage;
    }

    /**
     * Creates errors with no reports yet (the counting adds them), each from its first report.
     * @return their ids by dedup key
     */
    Map<String, Long> insertErrors(List<IncomingReport> firstReports) {
        Map<String, Long> ids = new HashMap<>();
        this.jdbc.sql("""
                insert into spelling_error (dedup_key, page_url, page_title, lang, selection, context_before,
                        context_after, report_count, first_reported_at, last_reported_at)
                select k, u, t, l, s, b, a, 0, r::timestamptz, r::timestamptz
                  from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::text[], ?::text[],
                              ?::text[]) as n(k, u, t, l, s, b, a, r)
                returning dedup_key, id
                """)
                .param(column(firstReports, IncomingReport::dedupKey))
                .param(column(firstReports, IncomingReport::pageUrl))
                .param(column(firstReports, IncomingReport::pageTitle))
                .param(column(firstReports, IncomingReport::lang))
                .param(column(firstReports, IncomingReport::selection))
                .param(column(firstReports, IncomingReport::contextBefore))
                .param(column(firstReports, IncomingReport::contextAfter))
                .param(column(firstReports, (report) -> report.receivedAt().toString()))
                .query((rs) -> {
                    ids.put(rs.getString(1), rs.getLong(2));
                });
        return ids;
    }

    /**
     * Adds variants (no reports yet) to their errors; a variant that founded its error becomes the
     * one it shows.
     * @param firstReports each variant's first report
     * @param errorIds the error of each
     * @return the new variants' ids by dedup key
     */
    Map<String, Long> insertVariants(List<IncomingReport> firstReports, List<Long> errorIds) {
        Map<String, Long> ids = new HashMap<>();
        this.jdbc.sql("""
                with inserted as (
                    insert into error_variant (error_id, dedup_key, selection, context_before, context_after,
                            report_count, first_reported_at)
                    select e, k, s, b, a, 0, r::timestamptz
                      from unnest(?::bigint[], ?::varchar[], ?::text[], ?::text[], ?::text[], ?::text[]) as n(e, k, s, b, a, r)
                    returning id, error_id, dedup_key),
                shown as (
                    update spelling_error e set shown_variant_id = i.id
                      from inserted i where e.id = i.error_id and e.dedup_key = i.dedup_key)
                select dedup_key, id from inserted
                """)
                .param(errorIds.toArray(Long[]::new))
                .param(column(firstReports, IncomingReport::dedupKey))
                .param(column(firstReports, IncomingReport::selection))
                .param(column(firstReports, IncomingReport::contextBefore))
                .param(column(firstReports, IncomingReport::contextAfter))
                .param(column(firstReports, (report) -> report.receivedAt().toString()))
                .query((rs) -> {
                    ids.put(rs.getString(1), rs.getLong(2));
                });
        return ids;
    }

    /**
     * Locks the errors a poll adds to, in ascending id order (so two workers adding to the same
     * errors never deadlock), before anything refers to them.
     * @return each locked error's status and shown variant, by id; a deleted error is missing
     */
    Map<Long, LockedError> lockErrors(Collection<Long> errorIds) {
        Map<Long, LockedError> locked = new LinkedHashMap<>();
        this.jdbc.sql("select id, status, shown_variant_id from spelling_error where id = any(?::bigint[]) order by id for update")
                .param(errorIds.stream().sorted().toArray(Long[]::new))
                .query((rs) -> {
                    locked.put(rs.getLong(1), new LockedError(ErrorStatus.valueOf(rs.getString(2)), rs.getLong(3)));
                });
        return locked;
    }

    /**
     * Inserts the reports, skipping those another transaction stored since they were checked.
     * @param errorIds the error of each report
     * @return the ids of the reports this call inserted
     */
    java.util.Set<UUID> insertReports(List<IncomingReport> reports, List<Long> errorIds) {
        java.util.Set<UUID> inserted = new java.util.HashSet<>();
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

    /** Adds the poll's reports to their variants' counts. */
    void countVariants(Collection<Tally> variants) {
        this.jdbc.sql("""
                update error_variant v
                   set report_count = v.report_count + n.c, first_reported_at = least(v.first_reported_at, n.f::timestamptz)
                  from unnest(?::bigint[], ?::int[], ?::text[]) as n(id, c, f)
                 where v.id = n.id
                """)
                .param(variants.stream().map(Tally::id).toArray(Long[]::new))
                .param(variants.stream().map(Tally::count).toArray(Integer[]::new))
                .param(variants.stream().map((tally) -> tally.first().toString()).toArray(String[]::new))
                .update();
    }

    /**
     * Adds the poll's reports to their errors' counts and times, fills in a missing page title or
     * language, and reopens a FIXED error (readers report it again: it is not fixed after all). Its
     * digested count stays where the fix settled it, so only the new reports show as new.
     * @return each error's report count afterwards, by id
     */
    Map<Long, Integer> countErrors(Collection<Tally> errors) {
        Map<Long, Integer> counts = new HashMap<>();
        this.jdbc.sql("""
                update spelling_error e
                   set report_count = e.report_count + n.c,
                       first_reported_at = least(e.first_reported_at, n.f::timestamptz),
                       last_reported_at = greatest(e.last_reported_at, n.l::timestamptz),
                       page_title = coalesce(e.page_title, n.t),
                       lang = coalesce(e.lang, n.g),
                       status = case when e.status = 'FIXED' then 'NEW' else e.status end,
                       reported_after_fix = e.reported_after_fix or e.status = 'FIXED',
                       status_changed_at = case when e.status = 'FIXED' then now() else e.status_changed_at end
                  from unnest(?::bigint[], ?::int[], ?::text[], ?::text[], ?::varchar[], ?::varchar[]) as n(id, c, f, l, t, g)
                 where e.id = n.id
                returning e.id, e.report_count
                """)
                .param(errors.stream().map(Tally::id).toArray(Long[]::new))
                .param(errors.stream().map(Tally::count).toArray(Integer[]::new))
                .param(errors.stream().map((tally) -> tally.first().toString()).toArray(String[]::new))
                .param(errors.stream().map((tally) -> tally.last().toString()).toArray(String[]::new))
                .param(errors.stream().map(Tally::pageTitle).toArray(String[]::new))
                .param(errors.stream().map(Tally::lang).toArray(String[]::new))
                .query((rs) -> {
                    counts.put(rs.getLong(1), rs.getInt(2));
                });
        return counts;
    }

    /**
     * Lets these errors show their most reported variant when it has more reports than the one
     * they show; on a tie they keep the one they show, so the display does not flip back and forth.
     */
    void showMostReportedVariants(Collection<Long> errorIds) {
        this.jdbc.sql("""
                update spelling_error e
                   set selection = v.selection, context_before = v.context_before, context_after = v.context_after,
                       shown_variant_id = v.id
                  from (select distinct on (error_id) id, error_id, selection, context_before, context_after, report_count
                          from error_variant where error_id = any(?::bigint[])
                         order by error_id, report_count desc, id) v
                 where v.error_id = e.id and v.id is distinct from e.shown_variant_id
                   and v.report_count > coalesce((select s.report_count from error_variant s where s.id = e.shown_variant_id), -1)
                """)
                .param(errorIds.toArray(Long[]::new))
                .update();
    }

    /** Removes what this transaction created for reports that turned out to be stored already. */
    void removeEmpty(Collection<Long> errorIds, Collection<Long> variantIds) {
        this.jdbc.sql("delete from error_variant where id = any(?::bigint[]) and report_count = 0")
                .param(variantIds.toArray(Long[]::new)).update();
        this.jdbc.sql("delete from spelling_error where id = any(?::bigint[]) and report_count = 0")
                .param(errorIds.toArray(Long[]::new)).update();
    }

    private static String[] texts(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    private static String[] column(List<IncomingReport> reports, java.util.function.Function<IncomingReport, String> value) {
        return reports.stream().map(value).toArray(String[]::new);
    }

    /**
     * @param variantId the variant's id
     * @param errorId its error's id
     */
    record KnownVariant(long variantId, long errorId) {
    }

    /**
     * @param status the error's status before this poll
     * @param shownVariantId the variant it shows ({@code 0} if none)
     */
    record LockedError(ErrorStatus status, long shownVariantId) {
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
