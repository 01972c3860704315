package io.github.spellingreports.intake.report;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import io.github.spellingreports.intake.config.IntakeProperties;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Service;

/**
 * Publishes reports to {@link Topics#REPORTS}, keyed by their dedup key, and returns only once the
 * broker acknowledged the record (acks=all) or fails within {@code spelling.intake.publish-timeout}.
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

    ReportPublisher(KafkaTemplate<String, SpellingErrorReported> kafka, IntakeProperties properties) {
        this.kafka = kafka;
        this.timeout = properties.publishTimeout();
        this.retryAfter = properties.retryAfter();
    }

    /**
     * Publishes a report and waits for the broker's acknowledgement.
     * @param report the report
     * @throws ReportNotPublishedException when the broker did not acknowledge in time
     */
    void publish(SpellingErrorReported report) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        String outcome = "unavailable";
        try {
            // send() itself may block up to the producer's max.block.ms while it waits for metadata;
            // the wait below only gets what is left of the timeout, so the whole call stays bounded.
            CompletableFuture<SendResult<String, SpellingErrorReported>> sent = kafka.send(Topics.REPORTS,
                    report.dedupKey(), report);
            sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            outcome = "acknowledged";
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw notPublished(report, ex);
        }
        catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException
                | org.springframework.kafka.KafkaException ex) {
            throw notPublished(report, ex);
        }
        finally {
            Timer.builder("spelling.intake.publish")
                    .description("From send to the broker's acknowledgement (or giving up)")
                    .tag("outcome", outcome)
                    .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
                    .register(Metrics.globalRegistry)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private ReportNotPublishedException notPublished(SpellingErrorReported report, Exception ex) {
        Metrics.counter("spelling.intake.reports", "outcome", "rejected_unavailable").increment();
        log.warn("Report not acknowledged by Kafka reportId={} timeout={}: {}", report.reportId(), timeout, ex.toString());
        return new ReportNotPublishedException(retryAfter, ex);
    }

}
