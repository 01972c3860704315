package io.github.spellingreports.intake.abuse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A report the rate limits refused, with {@code Retry-After} and {@code retryAfterSeconds}. */
final class RateLimitedException extends ErrorResponseException {

    private RateLimitedException(HttpStatus status, String detail, long retryAfterSeconds) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
        getBody().setProperty("retryAfterSeconds", retryAfterSeconds);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }

    /** The reader sent more reports than its own limits allow: 429, which the widget shows and does not retry. */
    static RateLimitedException tooManyReports(long retryAfterSeconds) {
        return new RateLimitedException(HttpStatus.TOO_MANY_REQUESTS, "You have sent many reports in a short time. "
                + "Thank you! Please wait " + seconds(retryAfterSeconds) + " before sending the next one.", retryAfterSeconds);
    }

    /**
     * All readers together are over the global ceiling ({@code spelling.intake.rate-limit.global}), this one
     * within its own limits: 503, so that the report is kept and sent again later, as when Kafka could not take it.
     */
    static RateLimitedException intakeBusy(long retryAfterSeconds) {
        return new RateLimitedException(HttpStatus.SERVICE_UNAVAILABLE, "Many readers are sending reports right now. "
                + "Please send this one again in " + seconds(retryAfterSeconds) + ".", retryAfterSeconds);
    }

    private static String seconds(long seconds) {
        return seconds + (seconds == 1 ? " second" : " seconds");
    }

}
