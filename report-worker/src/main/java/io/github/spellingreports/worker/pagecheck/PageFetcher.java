package io.github.spellingreports.worker.pagecheck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jsoup.Jsoup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches a page and extracts its visible text with jsoup. Anything but a 200 HTML answer within the
 * timeout and size limit is "unknown" (empty); redirects are not followed, so a fetch never leaves
 * an allowed origin.
 */
@Component
class PageFetcher implements DisposableBean {

    static final String USER_AGENT = "spelling-reports/0.1 (+page check)";

    private static final Logger log = LoggerFactory.getLogger(PageFetcher.class);

    private final PageCheckProperties properties;

    private final HttpClient client;

    private final ScheduledExecutorService alarms = Executors.newSingleThreadScheduledExecutor(
            new CustomizableThreadFactory("page-check-timeout-"));

    PageFetcher(PageCheckProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder().connectTimeout(properties.verifyTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @return the page's text, empty when it could not be fetched */
    Optional<String> text(String pageUrl) {
        long started = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(pageUrl)).timeout(this.properties.verifyTimeout())
                    .header("User-Agent", USER_AGENT).header("Accept", "text/html").GET().build();
            HttpResponse<InputStream> response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (response.statusCode() != 200 || !type.toLowerCase().contains("html")) {
                    log.info("Page check: {} answered {} {}, left as it is", pageUrl, response.statusCode(), type);
                    return Optional.empty();
                }
                long max = this.properties.verifyMaxPageSize().toBytes();
                byte[] bytes = readWithin(body, (int) Math.min(max + 1, Integer.MAX_VALUE - 8), started);
                if (bytes == null) {
                    log.info("Page check: {} did not arrive within {}, left as it is", pageUrl,
                            this.properties.verifyTimeout());
                    return Optional.empty();
                }
                if (bytes.length > max) {
                    log.info("Page check: {} is larger than {}, left as it is", pageUrl, this.properties.verifyMaxPageSize());
                    return Optional.empty();
                }
                String html = new String(bytes, charset(type));
                return Optional.of(Jsoup.parse(html, pageUrl).body().text());
            }
        }
        catch (IOException | IllegalArgumentException ex) {
            log.info("Page check: {} could not be fetched, left as it is: {}", pageUrl, ex.toString());
            return Optional.empty();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The request's timeout ends when the headers arrive; a server that then drips its body, or goes
     * silent, must not hold a check longer than {@code verify-timeout} in all: an alarm interrupts the
     * read (the response stream's wait is interruptible).
     * @return at most {@code limit} bytes, or {@code null} when the timeout ran out first
     */
    private byte[] readWithin(InputStream body, int limit, long started) throws IOException {
        long remaining = started + this.properties.verifyTimeout().toNanos() - System.nanoTime();
        if (remaining <= 0) {
            return null;
        }
        Thread reader = Thread.currentThread();
        AtomicBoolean rang = new AtomicBoolean();
        ScheduledFuture<?> alarm = this.alarms.schedule(() -> {
            rang.set(true);
            reader.interrupt();
        }, remaining, TimeUnit.NANOSECONDS);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] chunk = new byte[16 * 1024];
            while (bytes.size() < limit && !rang.get()) {
                int read = body.read(chunk, 0, Math.min(chunk.length, limit - bytes.size()));
                if (read < 0) {
                    break;
                }
                bytes.write(chunk, 0, read);
            }
            return rang.get() ? null : bytes.toByteArray();
        }
        catch (IOException ex) {
            if (rang.get()) {
                return null;
            }
            throw ex;
        }
        finally {
            alarm.cancel(false);
            if (rang.get()) {
                // our own interrupt, not the caller's: clear it
                Thread.interrupted();
            }
        }
    }

    @Override
    public void destroy() {
        this.alarms.shutdownNow();
    }

    private static java.nio.charset.Charset charset(String contentType) {
        int at = contentType.toLowerCase().indexOf("charset=");
        if (at >= 0) {
            try {
                return java.nio.charset.Charset.forName(contentType.substring(at + 8).replace("\"", "").split(";")[0].strip());
            }
            catch (IllegalArgumentException ex) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

}
