package io.github.spellingreports.intake.report;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.spellingreports.intake.abuse.Clients;
import io.github.spellingreports.intake.abuse.Honeypot;
import io.github.spellingreports.intake.config.IntakeProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Accepts readers' reports: 202 once Kafka holds the report, 400 for an invalid one, 503 when
 * Kafka cannot take it now. A report caught by the {@link Honeypot} gets the same 202 but is not published.
 * <p>
 * Asynchronous, with the Servlet API's own {@link AsyncContext}: the request thread hands the report
 * to the producer and returns. Once the broker acknowledged it (or the publish timeout passed) the
 * thread that learns it (the producer's I/O thread, or the timeout's scheduler) writes the answer into
 * the response's buffer, which never blocks, and completes the context; the container then sends it
 * on one of its threads and reads the connection's next request there. So a report holds at most one
 * container thread at a time, as with Spring MVC's asynchronous return values ({@code CompletableFuture},
 * {@code DeferredResult}), which write the answer in a second dispatch of the whole request instead
 * (filters, handler look-up, a handler method built for the result, return value handling): 40% of the
 * request threads' profile samples under load. Validation runs before, as for any handler; a failure
 * to publish is answered by the same exception handlers as a thrown exception
 * ({@link HandlerExceptionResolver}), so every error is still one problem shape.
 */
@RestController
class ReportController {

    private static final Logger log = LoggerFactory.getLogger(ReportController.class);

    /** Beyond the publish timeout, after which the publisher's future has always completed: a backstop only. */
    private static final long ASYNC_TIMEOUT_MARGIN_MILLIS = 5_000;

    private final ReportPublisher publisher;

    private final Clients clients;

    private final Honeypot honeypot;

    private final HandlerExceptionResolver problems;

    private final JsonMapper json;

    private final IntakeProperties properties;

    // registered once; global registry, so slice tests need no registry (Boot adds its own to it)
    private final Counter accepted = Metrics.counter("spelling.intake.reports", "outcome", "accepted");

    ReportController(ReportPublisher publisher, Clients clients, Honeypot honeypot,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems, JsonMapper json,
            IntakeProperties properties) {
        this.publisher = publisher;
        this.clients = clients;
        this.honeypot = honeypot;
        this.problems = problems;
        this.json = json;
        this.properties = properties;
    }

    @PostMapping(path = "/api/v1/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    void report(@Valid @RequestBody ReportRequest report, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        UUID reportId = report.reportId() != null ? report.reportId() : UUID.randomUUID();
        String clientHash = clients.hash(request);
        // a bot that filled in the hidden field gets the same answer as a reader, and nothing is published
        if (honeypot.caught(report.website(), clientHash)) {
            writeAccepted(response, reportId);
            return;
        }
        var event = report.toEvent(reportId, Instant.now(), clientHash);
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(properties.publishTimeout().toMillis() + ASYNC_TIMEOUT_MARGIN_MILLIS);
        // exactly one answer: the broker's outcome, or the backstop's 503, whichever comes first
        AtomicBoolean answered = new AtomicBoolean();
        async.addListener(new Backstop(answered, reportId));
        // 202 only once the broker acknowledged; a failure (ReportNotPublishedException) becomes the
        // 503 problem with Retry-After. Answered right where the outcome is known, with no hand-over to
        // another thread: handing over to a container thread (AsyncContext.start) and completing there
        // held two container threads per report for a moment.
        publisher.publish(event).whenComplete((acknowledged, failure) ->
                answer(async, answered, reportId, event.dedupKey(), failure));
    }

    /**
     * The one answer, unless the backstop or a failed connection ended the request first. Runs on
     * the thread that completed the publish: the producer's I/O thread, the timeout's scheduler, or
     * the request thread when publishing failed at once. It only fills the response's buffer (a few
     * hundred bytes, far below its size; {@link UnflushedResponse}) and completes the context: the
     * container writes to the connection on its own thread, so a reader who does not read cannot
     * stall the producer.
     */
    private void answer(AsyncContext async, AtomicBoolean answered, UUID reportId, String dedupKey, Throwable failure) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        HttpServletRequest request = (HttpServletRequest) async.getRequest();
        HttpServletResponse response = new UnflushedResponse((HttpServletResponse) async.getResponse());
        try {
            if (failure == null) {
                accepted.increment();
                // DEBUG: one INFO line per report was the busiest log of the service under load
                log.debug("Report accepted reportId={} dedupKey={}", reportId, dedupKey);
                writeAccepted(response, reportId);
            }
            else {
                problems.resolveException(request, response, null, unwrap(failure));
            }
        }
        catch (IOException ex) {
            // the reader went away meanwhile: nobody is left to tell
            log.debug("Answer to report reportId={} not written: {}", reportId, ex.toString());
        }
        catch (RuntimeException ex) {
            log.error("Answer to report reportId={} not written", reportId, ex);
        }
        finally {
            async.complete();
        }
    }

    private void writeAccepted(HttpServletResponse response, UUID reportId) throws IOException {
        byte[] body = json.writeValueAsBytes(new ReportAccepted(reportId));
        response.setStatus(HttpStatus.ACCEPTED.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(body);
    }

    private static Exception unwrap(Throwable failure) {
        Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
                : failure;
        return (cause instanceof Exception exception) ? exception : new IllegalStateException(cause);
    }

    /**
     * The answer to an accepted report.
     * @param reportId the report's id, generated when the request had none
     */
    record ReportAccepted(UUID reportId) {
    }

    /**
     * Answers 503 if the container's timeout comes first (the publisher's future completes within
     * the publish timeout, so only a container that could not run the answer gets here), and marks a
     * request the reader abandoned as answered.
     */
    private final class Backstop implements AsyncListener {

        private final AtomicBoolean answered;

        private final UUID reportId;

        Backstop(AtomicBoolean answered, UUID reportId) {
            this.answered = answered;
            this.reportId = reportId;
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            if (answered.compareAndSet(false, true)) {
                log.warn("Report reportId={} not answered within the publish timeout: 503", reportId);
                problems.resolveException((HttpServletRequest) event.getSuppliedRequest(),
                        (HttpServletResponse) event.getSuppliedResponse(), null,
                        new ReportNotPublishedException(properties.retryAfter(), event.getThrowable()));
                event.getAsyncContext().complete();
            }
        }

        /** The connection failed (the reader went away): no answer can reach anyone; the request ends here. */
        @Override
        public void onError(AsyncEvent event) {
            if (answered.compareAndSet(false, true)) {
                event.getAsyncContext().complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

    }

}
