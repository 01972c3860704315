package io.github.spellingreports.intake.abuse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what abuse control turned away, as {@code spelling.intake.refused{reason=...}}, so a flood
 * or a misconfigured site shows up on a dashboard.
 */
final class Refusals {

    private final Counter rateLimited;

    private final Counter foreignOrigin;

    private final Counter honeypot;

    Refusals(MeterRegistry registry) {
        this.rateLimited = counter(registry, "rate-limit");
        this.foreignOrigin = counter(registry, "origin");
        this.honeypot = counter(registry, "honeypot");
    }

    void rateLimited() {
        rateLimited.increment();
    }

    void foreignOrigin() {
        foreignOrigin.increment();
    }

    void honeypot() {
        honeypot.increment();
    }

    private static Counter counter(MeterRegistry registry, String reason) {
        return Counter.builder("spelling.intake.refused")
                .description("Requests to POST /api/v1/reports turned away by abuse control")
                .tag("reason", reason)
                .register(registry);
    }

}
