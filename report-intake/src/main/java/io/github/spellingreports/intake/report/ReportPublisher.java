package io.github.spellingreports.intake.report;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import io.github.spellingreports.intake.config.IntakeMeters;
import io.github.spellingreports.intake.config.IntakeProperties;
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
 * <p>
 * While the broker is away, the producer's {@code send()} waits for metadata on the request thread
 * (up to {@code max.block.ms}). At most {@code spelling.intake.publish-concurrency} request threads
 * are let into it at once; a report beyond them waits at most {@link #SEND_GRACE} for one of them
 * to return and is then answered 503, instead of holding its thread for {@code max.block.ms}, so
 * that readers arriving faster than those sends time out cannot hold every request thread, and the
 * widget's script and the health checks are still served.
 */
@Service
class ReportPublisher {

    private static final Logger log = LoggerFactory.getLogger(ReportPublisher.class);

    private final KafkaTemplate<String, SpellingErrorReported> kafka;

    private final Duration timeout;

    private final Duration retryAfter;

    private final IntakeMeters meters;

    /**
     * How long a report waits for a place in {@code send()} before it is refused: far longer than a send
     * takes while the broker answers, far shorter than one waiting for its metadata (max.block.ms).
     */
    static final Duration SEND_GRACE = Duration.ofMillis(250);

    private final int concurrency;

    /** Request threads in {@code send()} at once, at most {@link #concurrency}. */
    private final Semaphore sending;

    /** Whether reports are being refused for want of a free place in {@code send()}: logged once when it begins. */
    private final AtomicBoolean refusing = new AtomicBoolean();

    ReportPublisher(KafkaTemplate<String, SpellingErrorReported> kafka, IntakeProperties properties,
            IntakeMeters meters) {
        this.kafka = kafka;
        this.meters = meters;
        this.timeout = properties.publishTimeout();
        this.retryAfter = properties.retryAfter();
        this.concurrency = properties.publishConcurrency();
        this.sending = new Semaphore(this.concurrency);
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
        if (!sending.tryAcquire() && !waitForASend()) {
            return CompletableFuture.failedFuture(refused(report));
        }
        try {
            // send() itself may block the calling thread up to the producer's max.block.ms (metadata of an
            // unknown topic, or a full buffer); max.block.ms is below the publish timeout, so this stays bounded.
            sent = kafka.send(Topics.REPORTS, report.dedupKey(), report);
        }
        catch (org.apache.kafka.common.KafkaException | org.springframework.kafka.KafkaException ex) {
            // e.g. no metadata within max.block.ms, or a closed producer: the report is not on the broker
            return CompletableFuture.failedFuture(notPublished(report, started, ex));
        }
        finally {
            sending.release();
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
            meters.published(System.nanoTime() - started);
            if (refusing.get() && refusing.compareAndSet(true, false)) {
                log.info("Kafka takes reports again: the intake no longer refuses reports for want of a free send");
            }
            return null;
        });
    }

    /**
     * A send that returns soon frees its place: under load (two cores, many request threads) or while
     * the JIT is still cold, more than {@link #concurrency} threads may be in {@code send()} for a moment
     * without the broker being away.
     * @return whether a place came free within {@link #SEND_GRACE}
     */
    private boolean waitForASend() {
        try {
            return sending.tryAcquire(SEND_GRACE.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ReportNotPublishedException refused(SpellingErrorReported report) {
        meters.refused();
        if (refusing.compareAndSet(false, true)) {
            log.warn("Kafka is not taking reports: {} request threads already wait in the producer's send() "
                    + "(spelling.intake.publish-concurrency); reports beyond them are answered 503 after {} ms until one is "
                    + "acknowledged (first refused reportId={})", concurrency, SEND_GRACE.toMillis(), report.reportId());
        }
        return new ReportNotPublishedException(report.reportId(), retryAfter, null);
    }

    private ReportNotPublishedException notPublished(SpellingErrorReported report, long started, Throwable ex) {
        meters.notPublished(System.nanoTime() - started);
        log.warn("Report not acknowledged by Kafka reportId={} timeout={}: {}", report.reportId(), timeout, ex.toString());
        return new ReportNotPublishedException(report.reportId(), retryAfter, ex);
    }

}
