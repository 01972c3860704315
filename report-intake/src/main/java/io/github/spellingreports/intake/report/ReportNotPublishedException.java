package io.github.spellingreports.intake.report;

import java.time.Duration;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The broker did not acknowledge a report in time: 503 with {@code Retry-After} and the report's id,
 * so the widget keeps the report and sends it again later, with that id.
 */
class ReportNotPublishedException extends ErrorResponseException {

    private final HttpHeaders headers = new HttpHeaders();

    /**
     * @param reportId the report's id: the broker may still take the report after this answer, so a
     *        client sends it again with this id, which the worker counts once
     */
    ReportNotPublishedException(UUID reportId, Duration retryAfter, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The report could not be stored right now. Please send it again later, with the same reportId."),
                cause);
        getBody().setProperty("reportId", reportId);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

}
