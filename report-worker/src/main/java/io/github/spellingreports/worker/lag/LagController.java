package io.github.spellingreports.worker.lag;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The consumer group's lag for operators (ADMIN, like all of {@code /api/**}).
 */
@RestController
class LagController {

    private static final Logger log = LoggerFactory.getLogger(LagController.class);

    private final LagMonitor monitor;

    private final LagProperties properties;

    LagController(LagMonitor monitor, LagProperties properties) {
        this.monitor = monitor;
        this.properties = properties;
    }

    /**
     * @param fresh take a sample now instead of answering the latest scheduled one
     * @return the latest lag report
     */
    @GetMapping("/api/v1/lag")
    LagReport lag(@RequestParam(defaultValue = "false") boolean fresh) {
        return fresh ? this.monitor.sample() : this.monitor.current();
    }

    /**
     * A broker that does not answer is an outage to wait out, not a fault of this server (it was a 500
     * with a stack trace at ERROR): 503, and try again once the next scheduled sample is due.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> kafkaDidNotAnswer(LagSampleException ex) {
        log.warn("Consumer lag not sampled for the API group={}: {}", this.monitor.group(), ex.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "No lag sample could be taken: Kafka did not answer within " + this.properties.requestTimeout().toMillis()
                        + " ms (spelling.worker.lag.request-timeout); try again.");
        problem.setTitle("Kafka did not answer");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, this.properties.interval().toSeconds())))
                .body(problem);
    }

}
