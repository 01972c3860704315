package io.github.spellingreports.intake.report;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The broker did not acknowledge a report in time: 503 with {@code Retry-After}, so the widget
 * keeps the report and sends it again later.
 */
class ReportNotPublishedException extends ErrorResponseException {

    private final HttpHeaders headers = new HttpHeaders();

    ReportNotPublishedException(Duration retryAfter, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The report could not be stored right now. Please send it again later."), cause);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

}
