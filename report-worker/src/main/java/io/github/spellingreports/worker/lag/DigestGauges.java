package io.github.spellingreports.worker.lag;

import java.time.OffsetDateTime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Digest freshness from the database, so every worker reports the cluster's truth (only one of
 * them sends a given digest) and a restart does not reset it: {@code spelling_digest_last_success_seconds}
 * (epoch seconds of the last SENT digest, 0 when none yet) and {@code spelling_digest_pending} with
 * {@code spelling_digest_oldest_pending_seconds} (age of the oldest digest still waiting for SMTP).
 * Lives with the lag monitoring because both feed the same alerts and dashboard.
 */
@Component
class DigestGauges {

    private final JdbcClient jdbc;

    DigestGauges(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        Gauge.builder("spelling.digest.last.success", this, DigestGauges::lastSuccess)
                .description("When the last digest was sent (epoch seconds), 0 when none was")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("spelling.digest.pending", this, DigestGauges::pending)
                .description("Digests recorded but not yet accepted by SMTP")
                .register(registry);
        Gauge.builder("spelling.digest.oldest.pending", this, DigestGauges::oldestPending)
                .description("Age of the oldest digest not yet accepted by SMTP, 0 when none waits")
                .baseUnit("seconds")
                .register(registry);
    }

    private double lastSuccess() {
        return this.jdbc.sql("select max(sent_at) from digest where status = 'SENT'")
                .query(OffsetDateTime.class).optional()
                .map((sentAt) -> (double) sentAt.toEpochSecond())
                .orElse(0.0);
    }

    private double pending() {
        return this.jdbc.sql("select count(*) from digest where status = 'PENDING'").query(Long.class).single();
    }

    private double oldestPending() {
        return this.jdbc.sql("""
                select coalesce(extract(epoch from now() - min(created_at)), 0)
                  from digest where status = 'PENDING'
                """).query(Double.class).single();
    }

}
