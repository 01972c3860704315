package io.github.spellingreports.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a drained B3 backlog left in the worker's tables, read in one query, against what the backlog
 * planned: the totals, and each error's {@code report_count} against the reports the backlog gave it
 * (totals that agree can hide reports counted for the wrong error).
 * @param reports rows of {@code report}
 * @param errors rows of {@code spelling_error}
 * @param reportCountSum sum of the errors' {@code report_count}
 * @param variantCountSum sum of the variants' {@code report_count} (issue 8: each report counts for one variant too)
 * @param errorsOff errors whose {@code report_count} is not the backlog's count for them, planned errors
 *        not stored and stored errors not planned included
 */
record DrainCounts(long reports, long errors, long reportCountSum, long variantCountSum, long errorsOff) {

    /**
     * The backlog's errors are told apart by their selections (its tag and number, one variant each); the
     * planned counts go to PostgreSQL as two arrays, so that the check is one query whatever the size.
     */
    static final String QUERY = """
            with planned (selection, reports) as (select * from unnest(?::text[], ?::integer[]))
            select (select count(*) from report),
                   (select count(*) from spelling_error),
                   (select coalesce(sum(report_count), 0) from spelling_error),
                   (select coalesce(sum(report_count), 0) from error_variant),
                   (select count(*) from planned p full join spelling_error e on e.selection = p.selection
                     where p.reports is distinct from e.report_count)
            """;

    static DrainCounts read(Connection db, Bench.Backlog backlog) throws SQLException {
        int planned = backlog.distinctErrors();
        String[] selections = new String[planned];
        Integer[] counts = new Integer[planned];
        int i = 0;
        for (int e = 0; e < backlog.errors(); e++) {
            if (backlog.countOf(e) > 0) {
                selections[i] = backlog.selection(e);
                counts[i++] = backlog.countOf(e);
            }
        }
        try (PreparedStatement query = db.prepareStatement(QUERY)) {
            query.setArray(1, db.createArrayOf("text", selections));
            query.setArray(2, db.createArrayOf("integer", counts));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return new DrainCounts(result.getLong(1), result.getLong(2), result.getLong(3), result.getLong(4), result.getLong(5));
            }
        }
    }

    boolean exact(Bench.Backlog backlog) {
        return reports == backlog.reports() && errors == backlog.distinctErrors() && reportCountSum == backlog.reports()
                && variantCountSum == backlog.reports() && errorsOff == 0;
    }

    /** @return "yes (...)", or what differs */
    String describe(Bench.Backlog backlog) {
        return exact(backlog) ? "yes (totals, each error's report_count, the variants' sum)"
                : "NO (" + reports + " reports, " + errors + " errors, sum " + reportCountSum + ", variants' sum " + variantCountSum
                        + ", " + errorsOff + " errors with another count than planned)";
    }

}
