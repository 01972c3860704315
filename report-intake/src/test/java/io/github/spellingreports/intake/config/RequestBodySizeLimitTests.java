package io.github.spellingreports.intake.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A body the intake could not read in full, as when it is stopped with requests under way: Spring
 * answered 400, which the widget takes for a report it must not send again, and the report was lost.
 */
class RequestBodySizeLimitTests {

    private static final String REPORT = "{\"pageUrl\":\"https://news.example/a\",\"selection\":\"teh\"}";

    private final RequestBodySizeLimit limit = new RequestBodySizeLimit(new IntakeProperties(
            List.of("https://news.example"), Duration.ofSeconds(4), Duration.ofSeconds(5), 20, "", DataSize.ofKilobytes(16), 3,
            null, List.of()), new IntakeMeters(new SimpleMeterRegistry()));

    @Test
    void aWholeBodyIsReadAsItCame() throws IOException {
        byte[] body = REPORT.getBytes(StandardCharsets.UTF_8);
        HttpInputMessage read = this.limit.beforeBodyRead(message(body.length, new ByteArrayInputStream(body)), null, null, null);
        assertThat(read.getBody().readAllBytes()).isEqualTo(body);
    }

    @Test
    void aBodyShorterThanItsDeclaredLengthIsToBeSentAgain() {
        byte[] body = REPORT.getBytes(StandardCharsets.UTF_8);
        ErrorResponseException cutOff = catchThrowableOfType(ErrorResponseException.class, () -> this.limit
                .beforeBodyRead(message(body.length + 20, new ByteArrayInputStream(body)), null, null, null));
        assertSendAgain(cutOff);
    }

    @Test
    void aBodyWhoseConnectionFailedIsToBeSentAgain() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset by peer");
            }
        };
        ErrorResponseException cutOff = catchThrowableOfType(ErrorResponseException.class,
                () -> this.limit.beforeBodyRead(message(100, failing), null, null, null));
        assertSendAgain(cutOff);
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        ErrorResponseException tooLarge = catchThrowableOfType(ErrorResponseException.class,
                () -> this.limit.beforeBodyRead(message(17 * 1024, new ByteArrayInputStream(new byte[0])), null, null, null));
        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    }

    private static void assertSendAgain(ErrorResponseException answer) {
        assertThat(answer).isNotNull();
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody().getDetail()).contains("send it again");
    }

    private static HttpInputMessage message(long contentLength, InputStream body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentLength(contentLength);
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return body;
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

}
