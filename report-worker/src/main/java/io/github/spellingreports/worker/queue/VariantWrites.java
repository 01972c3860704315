package io.github.spellingreports.worker.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The statements that place new variants: page locks, the variants of a page, new errors and
 * variants. Rows travel as arrays ({@code unnest}), times as ISO-8601 text, which PostgreSQL reads
 * exactly. Runs in the caller's transaction.
 */
@Repository
class VariantWrites {

    /** First key of the page locks ("PAGE"); the second is the page URL's hash. */
    private static final int PAGE_LOCK_SPACE = 0x50414745;

    private final JdbcClient jdbc;

    VariantWrites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises, until the transaction ends, whatever places new variants on these pages: two
     * workers must not both create an error for two overlapping variants. The locks are taken in
     * ascending order (unnest keeps the array's order) and before any row lock, so two transactions
     * never wait for each other crosswise; a hash collision only serialises two pages more than needed.
     */
    void lockPages(Collection<String> pageUrls) {
        int[] keys = pageUrls.stream().mapToInt(String::hashCode).distinct().sorted().toArray();
        this.jdbc.sql("select pg_advisory_xact_lock(?, k) from unnest(?::int[]) k")
                .param(PAGE_LOCK_SPACE).param(keys)
                .query((rs) -> {
                });
    }

    /** @return the stored variants of these pages, by dedup key and, with their errors, by page (older errors first) */
    PageVariants variantsOfPages(Collection<String> pageUrls) {
        PageVariants variants = new PageVariants(new HashMap<>(), new HashMap<>());
        this.jdbc.sql("""
                select e.page_url, v.error_id, v.id, v.dedup_key, v.selection, v.context_before, v.context_after
                  from error_variant v join spelling_error e on e.id = v.error_id
                 where e.page_url = any(?::varchar[])
                 order by v.error_id, v.id
                """)
                .param(pageUrls.toArray(String[]::new))
                .query((rs) -> {
                    long errorId = rs.getLong(2);
                    variants.byKey().put(rs.getString(4), new QueueWrites.KnownVariant(rs.getLong(3), errorId));
                    variants.byPage().computeIfAbsent(rs.getString(1), (page) -> new ArrayList<>())
                            .add(new VariantPlacement.Placed(VariantPlacement.Target.existing(errorId),
                                    TextWindow.of(rs.getString(6), rs.getString(5), rs.getString(7))));
                });
        return variants;
    }

    /**
     * Creates errors with no reports yet (counting adds them), each from its first report.
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
                .param(QueueWrites.column(firstReports, IncomingReport::dedupKey))
                .param(QueueWrites.column(firstReports, IncomingReport::pageUrl))
                .param(QueueWrites.column(firstReports, IncomingReport::pageTitle))
                .param(QueueWrites.column(firstReports, IncomingReport::lang))
                .param(QueueWrites.column(firstReports, IncomingReport::selection))
                .param(QueueWrites.column(firstReports, IncomingReport::contextBefore))
                .param(QueueWrites.column(firstReports, IncomingReport::contextAfter))
                .param(QueueWrites.column(firstReports, (report) -> report.receivedAt().toString()))
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
                .param(QueueWrites.column(firstReports, IncomingReport::dedupKey))
                .param(QueueWrites.column(firstReports, IncomingReport::selection))
                .param(QueueWrites.column(firstReports, IncomingReport::contextBefore))
                .param(QueueWrites.column(firstReports, IncomingReport::contextAfter))
                .param(QueueWrites.column(firstReports, (report) -> report.receivedAt().toString()))
                .query((rs) -> {
                    ids.put(rs.getString(1), rs.getLong(2));
                });
        return ids;
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

    /**
     * @param byKey the variants by dedup key
     * @param byPage the variants with their errors, by page URL
     */
    record PageVariants(Map<String, QueueWrites.KnownVariant> byKey, Map<String, List<VariantPlacement.Placed>> byPage) {
    }

}
