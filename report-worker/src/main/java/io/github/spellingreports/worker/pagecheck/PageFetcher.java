package io.github.spellingreports.worker.pagecheck;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Fetches a page and extracts its visible text with jsoup. Anything but a 200 HTML answer within the
 * timeout and size limit is "unknown" (empty); redirects are not followed, so a fetch never leaves
 * an allowed origin.
 */
@Component
class PageFetcher {

    static final String USER_AGENT = "spelling-reports/0.1 (+page check)";

    private static final Logger log = LoggerFactory.getLogger(PageFetcher.class);

    private final PageCheckProperties properties;

    private final HttpClient client;

    PageFetcher(PageCheckProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder().connectTimeout(properties.verifyTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @return the page's text, empty when it could not be fetched */
    Optional<String> text(String pageUrl) {
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
                byte[] bytes = body.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
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
