package io.github.spellingreports.intake.abuse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * All readers together sent more reports than the global ceiling ({@code spelling.intake.rate-limit.global})
 * allows, this reader not more than its own limits: 503 with {@code Retry-After}, so that the report is kept
 * and sent again later, as when Kafka could not take it.
 */
class IntakeBusyException extends ErrorResponseException {

    private final HttpHeaders headers = new HttpHeaders();

    IntakeBusyException(long retryAfterSeconds) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Many readers are sending reports right now. Please send this one again in " + retryAfterSeconds
                        + (retryAfterSeconds == 1 ? " second." : " seconds.")),
                null);
        getBody().setProperty("retryAfterSeconds", retryAfterSeconds);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

}
