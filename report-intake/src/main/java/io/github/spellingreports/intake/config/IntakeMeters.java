package io.github.spellingreports.intake.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The intake's own meters, in its application's registry: {@code spelling.intake.reports{outcome=...}}
 * and {@code spelling.intake.publish{outcome=...}}. Not in Micrometer's global registry, which every
 * application of a JVM adds its registry to: the standalone's worker would serve the intake's counts
 * as its own, and a Prometheus scraping both would count every report twice.
 * <p>
 * Each meter is registered once, at zero (a counter that first appears at 1 loses that first
 * increase), and looked up never again: a lookup per report costs a map lookup and tags on the hot path.
 */
public final class IntakeMeters {

    private final Counter accepted;

    private final Counter rejectedInvalid;

    private final Counter rejectedUnreadable;

    private final Counter rejectedTooLarge;

    private final Counter rejectedUnavailable;

    private final Timer acknowledged;

    private final Timer unavailable;

    public IntakeMeters(MeterRegistry registry) {
        this.accepted = reports(registry, "accepted");
        this.rejectedInvalid = reports(registry, "rejected_invalid");
        this.rejectedUnreadable = reports(registry, "rejected_unreadable");
        this.rejectedTooLarge = reports(registry, "rejected_too_large");
        this.rejectedUnavailable = reports(registry, "rejected_unavailable");
        this.acknowledged = publish(registry, "acknowledged");
        this.unavailable = publish(registry, "unavailable");
    }

    /** A report the broker acknowledged, answered 202. */
    public void accepted() {
        this.accepted.increment();
    }

    /** A report that failed validation. */
    public void rejectedInvalid() {
        this.rejectedInvalid.increment();
    }

    /** A body that is not a readable report. */
    public void rejectedUnreadable() {
        this.rejectedUnreadable.increment();
    }

    /** A body over the size limit. */
    public void rejectedTooLarge() {
        this.rejectedTooLarge.increment();
    }

    /**
     * The broker acknowledged a report.
     * @param nanos from the send to the acknowledgement
     */
    public void published(long nanos) {
        this.acknowledged.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The broker did not acknowledge a report in time: the reader gets a 503.
     * @param nanos from the send to giving up
     */
    public void notPublished(long nanos) {
        this.unavailable.record(nanos, TimeUnit.NANOSECONDS);
        this.rejectedUnavailable.increment();
    }

    /**
     * A report refused at once, without a send, because as many requests as allowed already wait in
     * the producer's {@code send()}: the reader gets a 503, like a report the broker did not acknowledge.
     */
    public void refused() {
        this.rejectedUnavailable.increment();
    }

    private static Counter reports(MeterRegistry registry, String outcome) {
        return Counter.builder("spelling.intake.reports")
                .description("Reports by what the intake answered")
                .tag("outcome", outcome)
                .register(registry);
    }

    private static Timer publish(MeterRegistry registry, String outcome) {
        return Timer.builder("spelling.intake.publish")
                .description("From send to the broker's acknowledgement (or giving up)")
                .tag("outcome", outcome)
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .register(registry);
    }

}
