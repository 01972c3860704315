package io.github.spellingreports.worker.lag;

import java.time.OffsetDateTime;

import io.github.spellingreports.worker.queue.DatabaseOutage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Digest freshness from the database, so every worker reports the cluster's truth (only one of
 * them sends a given digest) and a restart does not reset it: {@code spelling_digest_last_success_seconds}
 * (epoch seconds of the last SENT digest, 0 when none yet) and {@code spelling_digest_pending} with
 * {@code spelling_digest_oldest_pending_seconds} (age of the oldest digest still waiting for SMTP).
 * <p>
 * They are read every {@code spelling.worker.lag.interval} on a thread of their own ({@link LagSampling}), never on a
 * scrape: a scrape that waited for the database would outlast Prometheus' scrape timeout while
 * PostgreSQL is away (three connection timeouts), and every other meter of the worker, the one that
 * says the database is unavailable among them, would be lost with it. Meanwhile they keep their last
 * values; NaN until the first read. Lives with the lag monitoring because both feed the same alerts
 * and dashboard.
 */
@Component
class DigestGauges {

    private static final Logger log = LoggerFactory.getLogger(DigestGauges.class);

    private final JdbcClient jdbc;

    private volatile Readings readings = Readings.NONE;

    /** Whether the last read failed: a failure is logged when it starts, not at every read. */
    private boolean failing;

    DigestGauges(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        Gauge.builder("spelling.digest.last.success", this, (gauges) -> gauges.readings.lastSuccess())
                .description("When the last digest was sent (epoch seconds), 0 when none was")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("spelling.digest.pending", this, (gauges) -> gauges.readings.pending())
                .description("Digests recorded but not yet accepted by SMTP")
                .register(registry);
        Gauge.builder("spelling.digest.oldest.pending", this, (gauges) -> gauges.readings.oldestPending())
                .description("Age of the oldest digest not yet accepted by SMTP, 0 when none waits")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Reads the three values in one statement; a failure keeps the last ones. */
    void refresh() {
        try {
            this.readings = this.jdbc.sql("""
                    select (select max(sent_at) from digest where status = 'SENT') as last_sent,
                           count(*) as pending,
                           coalesce(extract(epoch from now() - min(created_at)), 0) as oldest_pending
                      from digest where status = 'PENDING'
                    """).query((rs, row) -> new Readings(
                            epochSeconds(rs.getObject("last_sent", OffsetDateTime.class)),
                            rs.getLong("pending"), rs.getDouble("oldest_pending")))
                    .single();
        }
        catch (RuntimeException ex) {
            if (DatabaseOutage.isCauseOf(ex) || this.failing) {
                // the listener and the pool say the database is away; a line every interval would only repeat it
                log.debug("Digest gauges not read, they keep their last values: {}", ex.getMessage());
            }
            else {
                // anything else (a permission, the schema) keeps them as they are for good: the digest alerts go blind
                log.warn("Digest gauges not read, they keep their last values until they are: {}", ex.getMessage());
            }
            this.failing = true;
            return;
        }
        this.failing = false;
    }

    private static double epochSeconds(OffsetDateTime sentAt) {
        return (sentAt != null) ? sentAt.toEpochSecond() : 0.0;
    }

    /** The values the gauges show: NaN before the first read. */
    private record Readings(double lastSuccess, double pending, double oldestPending) {

        static final Readings NONE = new Readings(Double.NaN, Double.NaN, Double.NaN);

    }

}
