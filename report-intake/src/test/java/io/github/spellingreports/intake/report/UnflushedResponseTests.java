package io.github.spellingreports.intake.report;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class UnflushedResponseTests {

    private final MockHttpServletResponse container = new MockHttpServletResponse();

    private final UnflushedResponse response = new UnflushedResponse(container);

    @Test
    void bodyIsBufferedAndNeverCommittedByTheWriter() throws Exception {
        response.setStatus(202);
        response.setContentType("application/json");
        response.getOutputStream().write("{\"reportId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        response.getOutputStream().flush();
        response.flushBuffer();
        response.getOutputStream().close();

        assertThat(container.isCommitted()).as("committed by the writer").isFalse();
        assertThat(container.getStatus()).isEqualTo(202);
        assertThat(container.getContentAsString()).isEqualTo("{\"reportId\":\"x\"}");
    }

    @Test
    void aDeclaredLengthIsLeftToTheContainer() {
        response.setContentLength(16);
        response.setContentLengthLong(16);
        response.setHeader(HttpHeaders.CONTENT_LENGTH, "16");
        response.addHeader("content-length", "16");
        response.setIntHeader(HttpHeaders.CONTENT_LENGTH, 16);
        response.addIntHeader(HttpHeaders.CONTENT_LENGTH, 16);

        assertThat(container.getHeader(HttpHeaders.CONTENT_LENGTH)).isNull();
        assertThat(container.getContentLengthLong()).isZero();
    }

    @Test
    void otherHeadersPassThrough() {
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        response.addHeader(HttpHeaders.VARY, "Origin");

        assertThat(container.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(container.getHeader(HttpHeaders.VARY)).isEqualTo("Origin");
    }

}
