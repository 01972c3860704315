package io.github.spellingreports.intake.report;

import java.io.IOException;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpHeaders;

/**
 * A response whose answer stays in the container's buffer until its {@code AsyncContext} completes:
 * flushing, closing and a declared content length (Tomcat sends a response once its content length
 * is written) are ignored. So a thread outside the container, such as Kafka's producer I/O thread,
 * can write a small answer without ever writing to the connection itself, where a reader who does not
 * read could block it. The container sends the answer, with its length, on its own thread.
 * <p>
 * Only for answers far smaller than the response buffer (8 KiB by default), which is all the report
 * endpoint writes: a 202 with the report's id, or a problem.
 */
final class UnflushedResponse extends HttpServletResponseWrapper {

    private ServletOutputStream body;

    UnflushedResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (body == null) {
            body = new Unflushed(super.getOutputStream());
        }
        return body;
    }

    @Override
    public void flushBuffer() {
    }

    @Override
    public void setContentLength(int length) {
    }

    @Override
    public void setContentLengthLong(long length) {
    }

    @Override
    public void setHeader(String name, String value) {
        if (!isContentLength(name)) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!isContentLength(name)) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        if (!isContentLength(name)) {
            super.setIntHeader(name, value);
        }
    }

    @Override
    public void addIntHeader(String name, int value) {
        if (!isContentLength(name)) {
            super.addIntHeader(name, value);
        }
    }

    private static boolean isContentLength(String name) {
        return HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name);
    }

    private static final class Unflushed extends ServletOutputStream {

        private final ServletOutputStream buffer;

        Unflushed(ServletOutputStream buffer) {
            this.buffer = buffer;
        }

        @Override
        public void write(int b) throws IOException {
            buffer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            buffer.write(b, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isReady() {
            return buffer.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            buffer.setWriteListener(listener);
        }

    }

}
