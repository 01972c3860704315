package io.github.spellingreports.standalone.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads the worker's moderation queue with plain JDBC: what the tests assert on.
 */
final class QueueTables {

    private final Infrastructure infrastructure;

    QueueTables(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /** @return stored reports, 0 while the worker has not yet created the schema */
    long reports() throws SQLException {
        try (Connection connection = this.infrastructure.connection(); Statement query = connection.createStatement()) {
            if (!exists(connection)) {
                return 0;
            }
            try (ResultSet result = query.executeQuery("select count(*) from report")) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** @return every stored report id with how many rows carry it (more than one would be a double) */
    Map<UUID, Integer> reportIds() throws SQLException {
        Map<UUID, Integer> ids = new HashMap<>();
        try (Connection connection = this.infrastructure.connection(); Statement query = connection.createStatement();
                ResultSet result = query.executeQuery("select report_id, count(*) from report group by report_id")) {
            while (result.next()) {
                ids.put(result.getObject(1, UUID.class), result.getInt(2));
            }
        }
        return ids;
    }

    /** @return each error's report_count by dedup key */
    Map<String, Integer> reportCountsByDedupKey() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = this.infrastructure.connection(); Statement query = connection.createStatement();
                ResultSet result = query.executeQuery("select dedup_key, report_count from spelling_error")) {
            while (result.next()) {
                counts.put(result.getString(1), result.getInt(2));
            }
        }
        return counts;
    }

    /** @return errors whose report_count differs from the number of their report rows, described */
    List<String> countsThatDisagreeWithReportRows() throws SQLException {
        List<String> wrong = new ArrayList<>();
        try (Connection connection = this.infrastructure.connection(); Statement query = connection.createStatement();
                ResultSet result = query.executeQuery("""
                        select e.dedup_key, e.report_count, count(r.report_id)
                          from spelling_error e left join report r on r.error_id = e.id
                         group by e.id, e.dedup_key, e.report_count
                        having e.report_count <> count(r.report_id)""")) {
            while (result.next()) {
                wrong.add(result.getString(1) + ": report_count " + result.getInt(2) + ", rows " + result.getLong(3));
            }
        }
        return wrong;
    }

    /**
     * Waits until every given report is in the queue, then checks that no report is stored twice
     * and that each error counts exactly its stored reports.
     * @param accepted the reports the intake answered 202
     */
    void awaitQueuedOnce(Set<UUID> accepted) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(
                () -> assertThat(reportIds().keySet()).as("accepted reports in the queue").containsAll(accepted));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<UUID, Integer> stored = reportIds();
            assertThat(stored.values()).as("no report stored twice").containsOnly(1);
            assertThat(countsThatDisagreeWithReportRows()).as("report_count = its report rows").isEmpty();
            assertThat(reportCountsByDedupKey().values().stream().mapToInt(Integer::intValue).sum())
                    .as("counts over all errors = stored reports").isEqualTo(stored.size());
        });
    }

    private static boolean exists(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, "public", "report", null)) {
            return tables.next();
        }
    }

}
