package io.github.spellingreports.worker.pagecheck;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import io.github.spellingreports.worker.config.HttpCalls;
import org.jsoup.Jsoup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Fetches a page and extracts its visible text with jsoup. Anything but a 200 HTML answer within the
 * timeout and size limit is "unknown" (empty); a redirect is followed only to an allowed origin, so a
 * fetch never leaves them.
 */
@Component
class PageFetcher {

    static final String USER_AGENT = "spelling-reports/0.1 (+page check)";

    /** Redirects followed at most for one page. */
    static final int MAX_REDIRECTS = 3;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private static final Logger log = LoggerFactory.getLogger(PageFetcher.class);

    private final PageCheckProperties properties;

    private final HttpClient client;

    PageFetcher(PageCheckProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder().connectTimeout(properties.verifyTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @return the page's text, empty when it could not be fetched; a redirect (a page moved to its
     *         address with a trailing slash, to https) is followed, at most {@value #MAX_REDIRECTS} times,
     *         when it leads to an allowed origin
     */
    Optional<String> text(String pageUrl) {
        long deadline = System.nanoTime() + this.properties.verifyTimeout().toNanos();
        String url = pageUrl;
        try {
            for (int redirects = 0;; redirects++) {
                HttpResponse<byte[]> response = fetch(url, deadline);
                if (response == null) {
                    log.info("Page check: {} did not arrive within {}, left as it is", url, this.properties.verifyTimeout());
                    return Optional.empty();
                }
                if (REDIRECTS.contains(response.statusCode())) {
                    String to = response.headers().firstValue("Location")
                            .map((location) -> response.request().uri().resolve(location.strip()).toString()).orElse(null);
                    if (to == null || redirects == MAX_REDIRECTS || !this.properties.allows(to)) {
                        log.info("Page check: {} answered {} leading to {}, not followed ({} redirects at most, to an "
                                + "origin of spelling.digest.verify-allowed-origins), left as it is", url,
                                response.statusCode(), to, MAX_REDIRECTS);
                        return Optional.empty();
                    }
                    url = to;
                    continue;
                }
                if (!isPage(response.statusCode(), response.headers())) {
                    log.info("Page check: {} answered {} {}, left as it is", url, response.statusCode(), type(response.headers()));
                    return Optional.empty();
                }
                if (response.body() == null) {
                    log.info("Page check: {} is larger than {}, left as it is", url, this.properties.verifyMaxPageSize());
                    return Optional.empty();
                }
                // without a charset in the header, jsoup takes the page's own (a byte order mark, <meta charset>),
                // else UTF-8: a Russian page in windows-1251 that says so only in its <meta> is read in it
                return Optional.of(Jsoup.parse(new ByteArrayInputStream(response.body()), charset(type(response.headers())), url)
                        .body().text());
            }
        }
        catch (IOException | IllegalArgumentException ex) {
            log.info("Page check: {} could not be fetched, left as it is: {}", url, ex.toString());
            return Optional.empty();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * One request, its body read only for a page (at most the size limit and one byte: {@code null}
     * beyond it), and all of it within the deadline ({@link HttpCalls}): a server that drips its body,
     * or goes silent, must not hold a check longer.
     * @return the response, or {@code null} when the deadline passed first
     */
    private HttpResponse<byte[]> fetch(String url, long deadline)
            throws IOException, InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return null;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofNanos(left))
                .header("User-Agent", USER_AGENT).header("Accept", "text/html").GET().build();
        long max = this.properties.verifyMaxPageSize().toBytes();
        try {
            return HttpCalls.within(this.client, request,
                    (info) -> isPage(info.statusCode(), info.headers()) ? new Bounded(max) : Bounded.none(),
                    Duration.ofNanos(deadline - System.nanoTime()));
        }
        catch (HttpTimeoutException ex) {
            // the request's own timeout (the headers late) or the whole call's (the body)
            return null;
        }
    }

    private static boolean isPage(int status, HttpHeaders headers) {
        return status == 200 && type(headers).toLowerCase(Locale.ROOT).contains("html");
    }

    private static String type(HttpHeaders headers) {
        return headers.firstValue("Content-Type").orElse("");
    }

    /** @return the charset the Content-Type names, when Java knows it; {@code null} for the page's own */
    private static String charset(String contentType) {
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return null;
        }
        String name = contentType.substring(at + 8).replace("\"", "").split(";")[0].strip();
        try {
            return Charset.isSupported(name) ? name : null;
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /**
     * A body of at most {@code max} bytes: {@code null} once it grows beyond (reading stops there and
     * the connection is closed); an empty one, unread, for {@link #none()}.
     */
    private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> body = new CompletableFuture<>();

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        private final long max;

        private Flow.Subscription subscription;

        Bounded(long max) {
            this.max = max;
        }

        /** @return a subscriber that reads nothing of a body (a redirect's, an error page's) */
        static Bounded none() {
            return new Bounded(-1);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return this.body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (this.max < 0) {
                subscription.cancel();
                this.body.complete(new byte[0]);
                return;
            }
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (this.body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                this.bytes.write(chunk, 0, chunk.length);
            }
            if (this.bytes.size() > this.max) {
                this.subscription.cancel();
                this.body.complete(null);
                return;
            }
            this.subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {
            this.body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            this.body.complete(this.bytes.toByteArray());
        }

    }

}
