package io.github.spellingreports.worker.pagecheck;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The fetcher against a local HTTP server on 127.0.0.1, including one that stops sending mid-page. */
class PageFetcherTests {

    private final CountDownLatch released = new CountDownLatch(1);

    private final AtomicInteger loopRequests = new AtomicInteger();

    private final AtomicInteger elsewhereRequests = new AtomicInteger();

    private HttpServer elsewhere;

    private HttpServer server;

    private PageFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
        this.server.setExecutor(Executors.newFixedThreadPool(4));
        this.server.createContext("/whole", (exchange) -> {
            byte[] html = "<html><body><p>The government in Kazakhstan</p></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
            exchange.close();
        });
        this.server.createContext("/stalls", (exchange) -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            body.write("<html><body><p>The government in".getBytes(StandardCharsets.UTF_8));
            body.flush();
            try {
                // the rest never comes while the test runs
                this.released.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        redirect("/moved", 301, "/moved/");
        page("/moved/", "text/html; charset=utf-8", "<p>The government in Kazakhstan</p>".getBytes(StandardCharsets.UTF_8));
        // another origin (another port), reachable, with the page the check would take for corrected
        this.elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
        this.elsewhere.createContext("/", (exchange) -> {
            this.elsewhereRequests.incrementAndGet();
            byte[] html = "<p>The government in Kazakhstan</p>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
            exchange.close();
        });
        this.elsewhere.start();
        redirect("/away", 302, "http://127.0.0.1:" + this.elsewhere.getAddress().getPort() + "/elsewhere");
        redirect("/loop", 302, "/loop");
        page("/cp1251", "text/html", ("<html><head><meta charset=\"windows-1251\"></head>"
                + "<body><p>Правительство Казахстана</p></body></html>").getBytes(Charset.forName("windows-1251")));
        page("/large", "text/html", ("<p>" + "a".repeat(2000) + "</p>").getBytes(StandardCharsets.UTF_8));
        this.server.start();
        this.fetcher = fetcher(DataSize.ofMegabytes(5));
    }

    @AfterEach
    void stop() {
        this.released.countDown();
        this.server.stop(0);
        this.elsewhere.stop(0);
    }

    @Test
    void wholePageGivesItsText() {
        assertThat(this.fetcher.text(url("/whole"))).contains("The government in Kazakhstan");
    }

    @Test
    void pageThatStopsSendingMidwayIsUnknownWithinTheTimeout() {
        // without its own deadline the read would wait for the server (30 s), then parse the half page,
        // holding a thread of the page check that long per such page (as Java 17's blocking body
        // stream did, though interrupted at the timeout: this test then passed after 30 s)
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(15), () -> this.fetcher.text(url("/stalls")))).isEmpty();
        // the server still holds the connection open: only the fetcher's own timeout can have ended the read
        assertThat(this.released.getCount()).isOne();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    /**
     * A page moved to its address with a trailing slash (WordPress, Django's APPEND_SLASH), or to
     * https: the page check had said "answered 301, left as it is" for every page of such a site.
     */
    @Test
    void redirectWithinTheAllowedOriginsIsFollowed() {
        assertThat(this.fetcher.text(url("/moved"))).contains("The government in Kazakhstan");
    }

    @Test
    void redirectToAnotherOriginIsNotFollowed() {
        assertThat(this.fetcher.text(url("/away"))).isEmpty();
        assertThat(this.elsewhereRequests).as("the other origin is never asked").hasValue(0);
    }

    @Test
    void redirectsAreFollowedAFewTimesOnly() {
        assertThat(this.fetcher.text(url("/loop"))).isEmpty();
        assertThat(this.loopRequests).hasValue(PageFetcher.MAX_REDIRECTS + 1);
    }

    /** A Russian page in windows-1251 that says so only in its {@code <meta>}: read as UTF-8, nothing matched. */
    @Test
    void pageWhoseCharsetOnlyItsMetaNamesIsReadInIt() {
        assertThat(this.fetcher.text(url("/cp1251"))).contains("Правительство Казахстана");
    }

    @Test
    void pageLargerThanTheLimitIsUnknown() {
        assertThat(fetcher(DataSize.ofKilobytes(1)).text(url("/large"))).isEmpty();
        assertThat(this.fetcher.text(url("/large"))).hasValueSatisfying((text) -> assertThat(text).hasSize(2000));
    }

    private PageFetcher fetcher(DataSize maxPageSize) {
        return new PageFetcher(new PageCheckProperties(true, List.of(url("/")), Duration.ofMillis(500), 4,
                Duration.ofSeconds(30), maxPageSize));
    }

    private void redirect(String path, int status, String location) {
        this.server.createContext(path, (exchange) -> {
            if (path.equals("/loop")) {
                this.loopRequests.incrementAndGet();
            }
            if (!exchange.getRequestURI().getPath().equals(path)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
    }

    private void page(String path, String type, byte[] html) {
        this.server.createContext(path, (exchange) -> {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
            exchange.close();
        });
    }

    private String url(String path) {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
    }

}
