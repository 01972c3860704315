package io.github.spellingreports.intake.abuse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A client sent more reports than its rate limits allow: 429 with {@code Retry-After}. */
class TooManyReportsException extends ErrorResponseException {

    private final HttpHeaders headers = new HttpHeaders();

    TooManyReportsException(long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "You have sent many reports in a short time. Thank you! Please wait " + retryAfterSeconds
                        + (retryAfterSeconds == 1 ? " second" : " seconds") + " before sending the next one."),
                null);
        getBody().setProperty("retryAfterSeconds", retryAfterSeconds);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

}
