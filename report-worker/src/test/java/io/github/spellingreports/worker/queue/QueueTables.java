package io.github.spellingreports.worker.queue;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For tests that look at the whole queue (order, paging, totals): they start from an empty one.
 */
final class QueueTables {

    private QueueTables() {
    }

    static void empty(JdbcClient jdbc) {
        // cascade: tables of later features may refer to errors
        jdbc.sql("truncate table report, spelling_error cascade").update();
    }

}
