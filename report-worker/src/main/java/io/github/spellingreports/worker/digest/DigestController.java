package io.github.spellingreports.worker.digest;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Digests on demand for administrators: build and send one now, look one up.
 */
@RestController
@RequestMapping("/api/v1/digests")
class DigestController {

    private final DigestService service;

    DigestController(DigestService service) {
        this.service = service;
    }

    /**
     * @return 201 with the digest (SENT, or PENDING when SMTP failed and it will be retried); with routes,
     *         the first digest built (default desk first) and a {@code Link} (rel=related) to each other one;
     *         204 when nothing was reported since the previous digest
     */
    @PostMapping
    ResponseEntity<DigestSummary> create() {
        List<DigestSummary> digests = this.service.buildAndSendAll(null);
        if (digests.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        DigestSummary first = digests.get(0);
        ResponseEntity.BodyBuilder response = ResponseEntity.created(URI.create("/api/v1/digests/" + first.digestId()));
        digests.stream().skip(1).forEach((other) -> response.header(HttpHeaders.LINK,
                "</api/v1/digests/" + other.digestId() + ">; rel=\"related\""));
        return response.body(first);
    }

    @GetMapping("/{id}")
    DigestSummary find(@PathVariable long id) {
        return this.service.find(id).orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No digest with id " + id), null));
    }

    @ExceptionHandler
    ProblemDetail noRecipients(NoRecipientsException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("No digest recipients");
        return problem;
    }

}
