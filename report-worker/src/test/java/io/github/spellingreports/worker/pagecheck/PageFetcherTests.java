package io.github.spellingreports.worker.pagecheck;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The fetcher against a local HTTP server on 127.0.0.1, including one that stops sending mid-page. */
class PageFetcherTests {

    private final CountDownLatch released = new CountDownLatch(1);

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
        this.server.start();
        this.fetcher = new PageFetcher(new PageCheckProperties(true, List.of(), Duration.ofMillis(500), 4,
                Duration.ofSeconds(30), DataSize.ofMegabytes(5)));
    }

    @AfterEach
    void stop() {
        this.released.countDown();
        this.fetcher.destroy();
        this.server.stop(0);
    }

    @Test
    void wholePageGivesItsText() {
        assertThat(this.fetcher.text(url("/whole"))).contains("The government in Kazakhstan");
    }

    @Test
    void pageThatStopsSendingMidwayIsUnknownWithinTheTimeout() {
        // without its own deadline the read would wait for the server (30 s), then parse the half page
        assertThat(this.fetcher.text(url("/stalls"))).isEmpty();
        // the server still holds the connection open: only the fetcher's own timeout can have ended the read
        assertThat(this.released.getCount()).isOne();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
    }

}
