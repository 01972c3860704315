package io.github.spellingreports.worker.lag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the consumer group's lag and keeps the latest report for the API, the gauges and the
 * health indicator. Sampled on a schedule (see {@link LagConfiguration}) or by a direct call.
 */
public class LagMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LagMonitor.class);

    private final BrokerOffsetsReader reader;

    private final LagWindows windows;

    private final Clock clock;

    private final String group;

    private final String topic;

    private final String deadLetterTopic;

    private final List<Consumer<LagReport>> listeners = new CopyOnWriteArrayList<>();

    private final Instant created;

    private volatile LagReport latest;

    /** The dead-letter topic's partitions at the latest sample. */
    private volatile List<BrokerOffsets.Span> deadLetterSpans;

    LagMonitor(BrokerOffsetsReader reader, LagProperties properties, Clock clock, String group, String topic,
            String deadLetterTopic) {
        this.reader = reader;
        this.windows = new LagWindows(properties);
        this.clock = clock;
        this.created = clock.instant();
        this.group = group;
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
    }

    /**
     * Takes one sample now, on request: judged against the window, which it joins only when no
     * samples are scheduled (see {@link LagWindows#fresh}).
     * @return the new report
     * @throws LagSampleException when the broker did not answer in time
     */
    public LagReport sample() {
        return sample(false);
    }

    /** A sample of the schedule: always one of the window. */
    LagReport sampleScheduled() {
        return sample(true);
    }

    private synchronized LagReport sample(boolean scheduled) {
        BrokerOffsets offsets = this.reader.read(this.group, this.topic, this.deadLetterTopic);
        Instant now = this.clock.instant();
        LagReport report = scheduled ? this.windows.add(this.group, this.topic, offsets, now)
                : this.windows.fresh(this.group, this.topic, offsets, now);
        LagReport previous = this.latest;
        this.latest = report;
        this.deadLetterSpans = offsets.deadLetterSpans();
        this.listeners.forEach((listener) -> listener.accept(report));
        if (previous == null || previous.status() != report.status()) {
            log.info("Consumer lag status group={} status={} previous={} totalLag={} maxLagSeconds={} members={}",
                    this.group, report.status(), (previous != null) ? previous.status() : "-", report.totalLag(),
                    report.maxLagSeconds(), report.members());
        }
        return report;
    }

    /** Scheduled sampling: a broker that does not answer is logged, and the last report stays. */
    void sampleQuietly() {
        try {
            sampleScheduled();
        }
        catch (RuntimeException ex) {
            log.warn("Consumer lag not sampled group={}: {}", this.group, ex.getMessage());
        }
    }

    /** @param listener told of every new report, on the sampling thread */
    void onSample(Consumer<LagReport> listener) {
        this.listeners.add(listener);
    }

    /** @return the dead-letter topic's partitions at the latest sample, if a sample was taken */
    Optional<List<BrokerOffsets.Span>> deadLetterSpans() {
        return Optional.ofNullable(this.deadLetterSpans);
    }

    /** @return the latest report, if a sample was taken */
    public Optional<LagReport> latest() {
        return Optional.ofNullable(this.latest);
    }

    /** @return the latest report, if one was sampled at most {@code maxAge} ago */
    Optional<LagReport> latestWithin(Duration maxAge) {
        return latest().filter((report) -> !report.sampledAt().plus(maxAge).isBefore(this.clock.instant()));
    }

    /**
     * @return seconds since the latest report was sampled, or since this monitor was made before the
     * first: a worker that never reached the broker has measured nothing for as long as it runs
     */
    double secondsSinceLatest() {
        LagReport report = this.latest;
        Instant since = (report != null) ? report.sampledAt() : this.created;
        return Duration.between(since, this.clock.instant()).toMillis() / 1000.0;
    }

    /**
     * @return the latest report, sampling first if none was taken yet
     * @throws RuntimeException when it had to sample and the broker did not answer in time
     */
    public LagReport current() {
        LagReport report = this.latest;
        return (report != null) ? report : sample();
    }

    String group() {
        return this.group;
    }

    /** Closes the reader's probe consumer; waits for a sample in progress. */
    @Override
    public synchronized void close() {
        this.reader.close();
    }

}
