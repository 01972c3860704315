package io.github.spellingreports.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;

/**
 * B6's latencies: accepted by the intake (its receivedAt) -> stored in the queue table. A report's
 * {@code stored_at} defaults to {@code now()}, the start of the worker's transaction, before its
 * insert and commit: with PostgreSQL's {@code track_commit_timestamp} on (the bench starts the
 * standalones' PostgreSQL so) the end is the commit of the transaction that inserted the row.
 */
final class E2eLatency {

    /** Until its commit the row is not visible to the queue's readers. */
    static final String COMMITTED = "select extract(epoch from pg_xact_commit_timestamp(xmin) - received_at)"
            + " from report where received_at >= ?";

    /** Where commit times are not kept: the transaction's start. */
    static final String TRANSACTION_START = "select extract(epoch from stored_at - received_at) from report where received_at >= ?";

    private E2eLatency() {
    }

    /**
     * @param accepted reports the intake accepted in the run
     * @param stored of them, those stored when they were read
     * @param commitTimes whether the latencies end at the commit (else at the transaction's start)
     */
    record Result(long accepted, long stored, double p50, double p99, boolean commitTimes) {

        long missing() {
            return Math.max(0, accepted - stored);
        }

    }

    /** @return the latencies of the reports received since {@code from}, {@code accepted} of them sent */
    static Result read(Connection db, Instant from, long accepted) throws SQLException {
        boolean commitTimes;
        try (Statement statement = db.createStatement();
                ResultSet result = statement.executeQuery("select current_setting('track_commit_timestamp')")) {
            result.next();
            commitTimes = result.getString(1).equals("on");
        }
        double[] seconds = new double[1024];
        int stored = 0;
        try (PreparedStatement query = db.prepareStatement(commitTimes ? COMMITTED : TRANSACTION_START)) {
            query.setTimestamp(1, Timestamp.from(from));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    if (stored == seconds.length) {
                        seconds = Arrays.copyOf(seconds, 2 * stored);
                    }
                    seconds[stored++] = result.getDouble(1);
                }
            }
        }
        double[] latencies = Arrays.copyOf(seconds, stored);
        return new Result(accepted, stored, percentile(latencies, accepted, 0.5), percentile(latencies, accepted, 0.99), commitTimes);
    }

    /**
     * @param stored the latencies of the reports stored, in seconds
     * @param accepted the reports the intake accepted in the run: those not stored count as infinitely late
     * @param p the quantile, 0 < p <= 1
     * @return the nearest-rank quantile over all accepted reports; infinite when it falls among those not stored
     */
    static double percentile(double[] stored, long accepted, double p) {
        double[] sorted = stored.clone();
        Arrays.sort(sorted);
        long all = Math.max(accepted, sorted.length);
        long rank = (long) Math.ceil(p * all);
        return (rank > sorted.length) ? Double.POSITIVE_INFINITY : sorted[(int) Math.max(0, rank - 1)];
    }

}
