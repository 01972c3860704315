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

    private final Counter globalLimit;

    Refusals(MeterRegistry registry) {
        this.rateLimited = counter(registry, "rate-limit");
        this.globalLimit = counter(registry, "global-limit");
        this.foreignOrigin = counter(registry, "origin");
        this.honeypot = counter(registry, "honeypot");
    }

    void rateLimited() {
        rateLimited.increment();
    }

    /** A reader within its own limits refused because all readers together are over the global ceiling. */
    void overGlobalLimit() {
        globalLimit.increment();
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
