package io.github.spellingreports.worker.lag;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The latest lag report as gauges: per partition {@code spelling_lag_records},
 * {@code spelling_lag_seconds}, {@code spelling_lag_status} (0 OK, 1 WARN, 2 STALL, 3 STOP), and for
 * the group {@code spelling_lag_group_*} and {@code spelling_dlt_records}. NaN until the first sample,
 * and again once the latest is more than 3 intervals old: a worker whose sampling stopped (or is off,
 * the API having sampled once) exported a STALL of long ago for ever, and its alert kept firing.
 * While sampling on a schedule, {@code spelling_lag_sample_age_seconds} says how old they are (since the
 * worker's start before its first sample): a broker that does not answer leaves the last sample in
 * place, and its status (OK, say) would be read as now.
 */
@Component
class LagMetrics {

    static final int SHOWN_FOR_INTERVALS = 3;

    private final LagMonitor monitor;

    private final MeterRegistry registry;

    private final Set<Integer> registered = new HashSet<>();

    /** How long a sample is shown for. */
    private final Duration shownFor;

    LagMetrics(LagMonitor monitor, LagProperties properties, MeterRegistry registry) {
        this.monitor = monitor;
        this.registry = registry;
        this.shownFor = properties.interval().multipliedBy(SHOWN_FOR_INTERVALS);
        group("spelling.lag.group.records", "Records not yet consumed by the group, all partitions", LagReport::totalLag);
        group("spelling.lag.group.seconds", "Age of the oldest record the group has not consumed", LagReport::maxLagSeconds);
        group("spelling.lag.group.status", "Group lag status: 0 OK, 1 WARN, 2 STALL, 3 STOP",
                (report) -> report.status().level());
        group("spelling.lag.group.members", "Members in the consumer group", LagReport::members);
        group("spelling.dlt.records", "Records in the dead-letter topic", LagReport::deadLetters);
        if (properties.enabled()) {
            Gauge.builder("spelling.lag.sample.age", monitor, LagMonitor::secondsSinceLatest)
                    .description("Time since the lag gauges were last sampled from the broker")
                    .baseUnit("seconds")
                    .register(registry);
        }
        monitor.onSample(this::register);
        monitor.latest().ifPresent(this::register);
    }

    private void group(String name, String description, ToDoubleFunction<LagReport> value) {
        Gauge.builder(name, this.monitor, (monitor) -> monitor.latestWithin(this.shownFor).map(value::applyAsDouble)
                        .orElse(Double.NaN))
                .description(description)
                .register(this.registry);
    }

    /** Partitions are known only once sampled; the monitor's listener registers their gauges. */
    synchronized void register(LagReport report) {
        for (PartitionLag partition : report.partitions()) {
            if (this.registered.add(partition.partition())) {
                int number = partition.partition();
                partition("spelling.lag.records", "Records not yet consumed", number,
                        (lag) -> lag.lag());
                partition("spelling.lag.seconds", "Age of the oldest record not yet consumed", number,
                        (lag) -> (lag.lagSeconds() != null) ? lag.lagSeconds() : Double.NaN);
                partition("spelling.lag.status", "Lag status: 0 OK, 1 WARN, 2 STALL, 3 STOP", number,
                        (lag) -> lag.status().level());
            }
        }
    }

    private void partition(String name, String description, int number, ToDoubleFunction<PartitionLag> value) {
        Gauge.builder(name, this.monitor, (monitor) -> monitor.latestWithin(this.shownFor)
                        .flatMap((report) -> report.partition(number))
                        .map(value::applyAsDouble)
                        .orElse(Double.NaN))
                .description(description)
                .tag("partition", Integer.toString(number))
                .register(this.registry);
    }

}
