package io.github.spellingreports.intake.report;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import io.github.spellingreports.intake.config.IntakeProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Service;

/**
 * Publishes reports to {@link Topics#REPORTS}, keyed by their dedup key. The returned future
 * completes only once the broker acknowledged the record (acks=all), or fails with
 * {@link ReportNotPublishedException} within {@code spelling.intake.publish-timeout}; no thread
 * waits for the acknowledgement meanwhile.
 * <p>
 * A report that timed out here may still reach the topic later, and the widget will send it again:
 * the same {@code reportId} then lands twice, which is intended, since the worker dedups by
 * {@code reportId}. At-least-once here is what makes "never lost" possible.
 */
@Service
class ReportPublisher {

    private static final Logger log = LoggerFactory.getLogger(ReportPublisher.class);

    private final KafkaTemplate<String, SpellingErrorReported> kafka;

    private final Duration timeout;

    private final Duration retryAfter;

    // Registered once: looking meters up per report costs a map lookup and tag allocation on the hot path.
    // In the global registry (Boot adds its own to it), so slice and unit tests need no registry.
    private final Timer acknowledged = publishTimer("acknowledged");

    private final Timer unavailable = publishTimer("unavailable");

    private final Counter rejectedUnavailable = Metrics.counter("spelling.intake.reports", "outcome",
            "rejected_unavailable");

    ReportPublisher(KafkaTemplate<String, SpellingErrorReported> kafka, IntakeProperties properties) {
        this.kafka = kafka;
        this.timeout = properties.publishTimeout();
        this.retryAfter = properties.retryAfter();
    }

    /**
     * Publishes a report.
     * @param report the report
     * @return completes once the broker acknowledged the report; fails with
     * {@link ReportNotPublishedException} when it did not within the publish timeout
     */
    CompletableFuture<Void> publish(SpellingErrorReported report) {
        long started = System.nanoTime();
        CompletableFuture<SendResult<String, SpellingErrorReported>> sent;
        try {
            // send() itself may block the calling thread up to the producer's max.block.ms (metadata of an
            // unknown topic, or a full buffer); max.block.ms is below the publish timeout, so this stays bounded.
            sent = kafka.send(Topics.REPORTS, report.dedupKey(), report);
        }
        catch (org.apache.kafka.common.KafkaException | org.springframework.kafka.KafkaException ex) {
            // e.g. no metadata within max.block.ms, or a closed producer: the report is not on the broker
            return CompletableFuture.failedFuture(notPublished(report, started, ex));
        }
        // Only what is left of the timeout after send() returned: the whole publish stays within it.
        long left = Math.max(0, started + timeout.toNanos() - System.nanoTime());
        // A copy: timing out must not complete the template's own future, whose observers expect Kafka's outcome.
        return sent.copy().orTimeout(left, TimeUnit.NANOSECONDS).handle((result, failure) -> {
            // runs on the producer's I/O thread (ack) or the timeout scheduler: keep it cheap, never block
            if (failure != null) {
                throw notPublished(report, started, failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
            acknowledged.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return null;
        });
    }

    private ReportNotPublishedException notPublished(SpellingErrorReported report, long started, Throwable ex) {
        unavailable.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        rejectedUnavailable.increment();
        log.warn("Report not acknowledged by Kafka reportId={} timeout={}: {}", report.reportId(), timeout, ex.toString());
        return new ReportNotPublishedException(retryAfter, ex);
    }

    private static Timer publishTimer(String outcome) {
        return Timer.builder("spelling.intake.publish")
                .description("From send to the broker's acknowledgement (or giving up)")
                .tag("outcome", outcome)
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .register(Metrics.globalRegistry);
    }

}
