package io.github.spellingreports.worker.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server on 127.0.0.1 for the whole test JVM: a Slack-style webhook at {@code /hook}
 * (that can be made to fail) and pages at {@code /pages/...} whose answers the tests set.
 */
public final class LocalWeb {

    private static final HttpServer server = start();

    /** Requests the webhook received: body and the status it answered. */
    public static final List<Hook> hooks = new CopyOnWriteArrayList<>();

    /** While true the webhook answers 500. */
    public static final AtomicBoolean hookFails = new AtomicBoolean();

    private static final Map<String, Page> pages = new ConcurrentHashMap<>();

    /** User-Agent headers of page requests. */
    public static final List<String> pageAgents = new CopyOnWriteArrayList<>();

    private LocalWeb() {
    }

    public static String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves a page at {@code /pages/name}; a delay longer than the check's timeout makes it time out. */
    public static String page(String name, int status, String html) {
        pages.put("/pages/" + name, new Page(status, html, null));
        return origin() + "/pages/" + name;
    }

    /**
     * A page whose answer waits until {@link #release} (at most a minute): a page slower than any
     * timeout of the page check, for as long as the test needs it to be.
     */
    public static String heldPage(String name, int status, String html) {
        pages.put("/pages/" + name, new Page(status, html, new CountDownLatch(1)));
        return origin() + "/pages/" + name;
    }

    /** Lets a {@link #heldPage held page} answer, now and from then on. */
    public static void release(String url) {
        Page page = pages.get(URI.create(url).getPath());
        if (page != null && page.held() != null) {
            page.held().countDown();
        }
    }

    private static HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
            http.setExecutor(Executors.newFixedThreadPool(8));
            http.createContext("/hook", LocalWeb::hook);
            http.createContext("/stalled-hook", LocalWeb::stalledHook);
            http.createContext("/pages/", LocalWeb::page);
            http.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> http.stop(0), "local-web-stop"));
            return http;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void hook(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = hookFails.get() ? 500 : 200;
        hooks.add(new Hook(body, status, exchange.getRequestHeaders().getFirst("Content-Type")));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /**
     * A webhook (or a proxy before it) that answers 200 with a body of 100 bytes and then sends none
     * of them, for a minute.
     */
    public static String stalledHook() {
        return origin() + "/stalled-hook";
    }

    private static void stalledHook(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, 100);
        exchange.getResponseBody().flush();
        try {
            // the server thread waits, not the test: the webhook's caller must give up first
            new CountDownLatch(1).await(1, TimeUnit.MINUTES);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        exchange.close();
    }

    private static void page(HttpExchange exchange) throws IOException {
        pageAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
        Page page = pages.getOrDefault(exchange.getRequestURI().getPath(), new Page(404, "not found", null));
        if (page.held() != null) {
            try {
                // the server thread waits, not the test: the page check must give up first
                page.held().await(1, TimeUnit.MINUTES);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = page.html().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        try {
            exchange.sendResponseHeaders(page.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        catch (IOException ex) {
            // the client gave up (timeout)
        }
        exchange.close();
    }

    public record Hook(String body, int status, String contentType) {
    }

    private record Page(int status, String html, CountDownLatch held) {
    }

}
