package io.github.spellingreports.intake.report;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.github.spellingreports.intake.abuse.Clients;
import io.github.spellingreports.intake.abuse.Honeypot;
import io.github.spellingreports.intake.config.IntakeMeters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accepts readers' reports: 202 once Kafka holds the report, 400 for an invalid one, 503 when
 * Kafka cannot take it now. A report caught by the {@link Honeypot} gets the same 202 but is not published.
 * <p>
 * Asynchronous (Spring MVC): the request thread is released once the report is handed to the
 * producer; the answer is written when the broker acknowledged it or the publish timeout passed.
 * Failures of the future go through the same exception handlers as thrown ones.
 */
@RestController
class ReportController {

    private static final Logger log = LoggerFactory.getLogger(ReportController.class);

    private final ReportPublisher publisher;

    private final Clients clients;

    private final Honeypot honeypot;

    private final IntakeMeters meters;

    ReportController(ReportPublisher publisher, Clients clients, Honeypot honeypot, IntakeMeters meters) {
        this.publisher = publisher;
        this.clients = clients;
        this.honeypot = honeypot;
        this.meters = meters;
    }

    // produces: a client that does not take JSON is told 406 before the report is published, not after
    @PostMapping(path = "/api/v1/reports", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ResponseEntity<ReportAccepted>> report(@Valid @RequestBody ReportRequest report,
            HttpServletRequest request) {
        UUID reportId = report.reportId() != null ? report.reportId() : UUID.randomUUID();
        String clientHash = clients.hash(request);
        // a bot that filled in the hidden field gets the same answer as a reader, and nothing is published
        if (honeypot.caught(report.website(), clientHash)) {
            return CompletableFuture.completedFuture(accepted(reportId));
        }
        var event = report.toEvent(reportId, Instant.now(), clientHash);
        // 202 only in the continuation of the broker's acknowledgement; a failure (ReportNotPublishedException)
        // passes through untouched and becomes the 503 problem with Retry-After
        return publisher.publish(event).thenApply(acknowledged -> {
            meters.accepted();
            // DEBUG: one INFO line per report was the busiest log of the service under load
            log.debug("Report accepted reportId={} dedupKey={}", reportId, event.dedupKey());
            return accepted(reportId);
        });
    }

    private static ResponseEntity<ReportAccepted> accepted(UUID reportId) {
        return ResponseEntity.accepted().body(new ReportAccepted(reportId));
    }

    /**
     * The answer to an accepted report.
     * @param reportId the report's id, generated when the request had none
     */
    record ReportAccepted(UUID reportId) {
    }

}
