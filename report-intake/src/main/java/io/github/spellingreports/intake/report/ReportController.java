package io.github.spellingreports.intake.report;

import java.time.Instant;
import java.util.UUID;

import io.github.spellingreports.intake.abuse.Clients;
import io.github.spellingreports.intake.abuse.Honeypot;
import jakarta.servlet.http.HttpServletRequest;
import io.micrometer.core.instrument.Metrics;
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
 */
@RestController
class ReportController {

    private static final Logger log = LoggerFactory.getLogger(ReportController.class);

    private final ReportPublisher publisher;

    private final Clients clients;

    private final Honeypot honeypot;

    ReportController(ReportPublisher publisher, Clients clients, Honeypot honeypot) {
        this.publisher = publisher;
        this.clients = clients;
        this.honeypot = honeypot;
    }

    @PostMapping(path = "/api/v1/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReportAccepted> report(@Valid @RequestBody ReportRequest report, HttpServletRequest request) {
        UUID reportId = report.reportId() != null ? report.reportId() : UUID.randomUUID();
        String clientHash = clients.hash(request);
        // a bot that filled in the hidden field gets the same answer as a reader, and nothing is published
        if (!honeypot.caught(report.website(), clientHash)) {
            var event = report.toEvent(reportId, Instant.now(), clientHash);
            publisher.publish(event);
            // counters live in Micrometer's global registry (Boot adds its own to it), so slice tests need no registry
            Metrics.counter("spelling.intake.reports", "outcome", "accepted").increment();
            log.info("Report accepted reportId={} dedupKey={}", reportId, event.dedupKey());
        }
        return ResponseEntity.accepted().body(new ReportAccepted(reportId));
    }

    /**
     * The answer to an accepted report.
     * @param reportId the report's id, generated when the request had none
     */
    record ReportAccepted(UUID reportId) {
    }

}
