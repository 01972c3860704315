package io.github.spellingreports.intake.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.time.Duration;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses request bodies over {@code spelling.intake.max-request-size} with 413 before they are
 * parsed. A declared Content-Length is checked first; a chunked body is read at most one byte past
 * the limit, so a client cannot make the intake buffer an unbounded stream.
 */
@ControllerAdvice
class RequestBodySizeLimit extends RequestBodyAdviceAdapter {

    private final int limit;

    private final Duration retryAfter;

    private final IntakeMeters meters;

    RequestBodySizeLimit(IntakeProperties properties, IntakeMeters meters) {
        this.limit = Math.toIntExact(properties.maxRequestSize().toBytes());
        this.retryAfter = properties.retryAfter();
        this.meters = meters;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        long declared = message.getHeaders().getContentLength();
        if (declared > limit) {
            throw tooLarge();
        }
        // a declared length is read into one array of that size (reading up to the limit would take an
        // 8 KB buffer and a copy per report); the container delivers no more than it
        byte[] body;
        try {
            body = message.getBody().readNBytes((declared >= 0) ? (int) declared : limit + 1);
        }
        catch (IOException ex) {
            throw cutOff(ex);
        }
        if (body.length > limit) {
            throw tooLarge();
        }
        if (declared >= 0 && body.length < declared) {
            throw cutOff(null);
        }
        return new BufferedBody(message.getHeaders(), body);
    }

    /**
     * The body ended before its declared length, or its connection failed while it was read: as
     * when the intake is stopped with requests under way. Spring answered 400 ("I/O error while
     * reading input message", or the JSON cut short), which the widget takes for a report it must
     * not send again: the report was lost. A 503 with {@code Retry-After} has it sent again.
     */
    private ErrorResponseException cutOff(IOException cause) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The report arrived incomplete (its connection was cut). Please send it again.");
        ErrorResponseException cutOff = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, cause);
        cutOff.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfter.toSeconds()));
        return cutOff;
    }

    private ErrorResponseException tooLarge() {
        this.meters.rejectedTooLarge();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than " + limit + " bytes.");
        return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
    }

    private record BufferedBody(HttpHeaders headers, byte[] body) implements HttpInputMessage {

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

    }

}
