package io.github.spellingreports.intake.report;

import java.time.Instant;
import java.util.UUID;

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
 * Kafka cannot take it now.
 */
@RestController
class ReportController {

    private static final Logger log = LoggerFactory.getLogger(ReportController.class);

    private final ReportPublisher publisher;

    private final ClientHasher clientHasher;

    ReportController(ReportPublisher publisher, ClientHasher clientHasher) {
        this.publisher = publisher;
        this.clientHasher = clientHasher;
    }

    @PostMapping(path = "/api/v1/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReportAccepted> report(@Valid @RequestBody ReportRequest report, HttpServletRequest request) {
        UUID reportId = report.reportId() != null ? report.reportId() : UUID.randomUUID();
        var event = report.toEvent(reportId, Instant.now(), clientHasher.hash(request.getRemoteAddr()));
        publisher.publish(event);
        // counters live in Micrometer's global registry (Boot adds its own to it), so slice tests need no registry
        Metrics.counter("spelling.intake.reports", "outcome", "accepted").increment();
        log.info("Report accepted reportId={} dedupKey={}", reportId, event.dedupKey());
        return ResponseEntity.accepted().body(new ReportAccepted(reportId));
    }

    /**
     * The answer to an accepted report.
     * @param reportId the report's id, generated when the request had none
     */
    record ReportAccepted(UUID reportId) {
    }

}
