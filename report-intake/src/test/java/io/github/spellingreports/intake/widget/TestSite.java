package io.github.spellingreports.intake.widget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A news site on another origin than the intake (same host 127.0.0.1, another port): its article
 * embeds the intake's widget with {@code <script src="INTAKE/widget.js">}, as a real site would.
 * Query parameters of {@code /article} vary the embedding (endpoint, canonical link, languages, a
 * strict Content-Security-Policy).
 * {@code /too-many} stands in for an intake that rate-limits (the intake has no limiter yet),
 * {@code /unavailable} for one whose broker is away (503, come back in an hour),
 * {@code /briefly-unavailable} for one that asks to come back in 2 seconds, and
 * {@code /refuses} for one that refuses a report (a newer intake's rule this widget does not know),
 * {@code /refuses-with-markup} for one whose refusal's text holds markup, and
 * {@code /held} for one that takes a report but answers only once the test {@link #releaseHeld() lets it}.
 */
final class TestSite implements AutoCloseable {

    private final HttpServer server;

    private final String intakeOrigin;

    /** Answers of {@code /held} wait here, so a page can be seen while its report is sending. */
    private final CountDownLatch held = new CountDownLatch(1);

    /** A held answer must not keep the site from serving its pages. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    TestSite(String intakeOrigin) {
        this.intakeOrigin = intakeOrigin;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/article", exchange -> {
            Map<String, String> query = query(exchange.getRequestURI());
            if ("strict".equals(query.get("csp"))) {
                // scripts and connections to the intake, no inline script or style
                exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; script-src "
                        + intakeOrigin + "; connect-src " + intakeOrigin + "; style-src 'self'");
            }
            send(exchange, 200, "text/html; charset=utf-8", article(query));
        });
        server.createContext("/blank", exchange -> send(exchange, 200, "text/html; charset=utf-8", "<!DOCTYPE html>"));
        server.createContext("/too-many", this::tooMany);
        server.createContext("/unavailable", this::unavailable);
        server.createContext("/briefly-unavailable", this::brieflyUnavailable);
        server.createContext("/refuses", this::refuses);
        server.createContext("/refuses-with-markup", this::refusesWithMarkup);
        server.createContext("/held", this::held);
        server.setExecutor(threads);
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * @param query the article's query string, e.g. {@code endpoint=...&canonical=...}; may be empty
     * @return the article's URL
     */
    String article(String query) {
        return origin() + "/article" + (query.isEmpty() ? "" : "?" + query);
    }

    private String article(Map<String, String> query) {
        String canonical = query.containsKey("canonical")
                ? "<link rel=\"canonical\" href=\"" + query.get("canonical") + "\">" : "";
        String options = (query.containsKey("endpoint") ? " data-endpoint=\"" + query.get("endpoint") + "\"" : "")
                + (query.containsKey("dataLang") ? " data-lang=\"" + query.get("dataLang") + "\"" : "")
                + (query.containsKey("context") ? " data-context=\"" + query.get("context") + "\"" : "");
        // the site's own wording: German (the cancel button left out), a changed English title, and
        // entries the widget must ignore
        String siteStrings = "markup".equals(query.get("siteStrings")) ? """
                <script>window.SpellingReportsStrings = {
                  en: { title: '<b>Bold</b> <img src=x onerror="window.pwned = \\'title\\'">' }
                };</script>""" : query.containsKey("siteStrings") ? """
                <script>window.SpellingReportsStrings = {
                  de: { title: 'Dieser Text geht an unsere Redaktion:', comment: 'Kommentar (freiwillig)',
                        send: 'Senden', thanks: 'Danke! Die Redaktion sieht es sich an.', report: 42 },
                  en: { title: 'This goes to the newsroom:' },
                  he: { title: 'הטקסט הבא יישלח לעורכים שלנו:', comment: 'הערה (לא חובה)', send: 'שליחה' },
                  'not a language': { title: 'ignored' }, fr: 'not an object'
                };</script>""" : "";
        // a browser that keeps no data for the site: reading localStorage throws, as with site data blocked
        String storage = "off".equals(query.get("storage")) ? """
                <script>Object.defineProperty(window, 'localStorage', { get: function () {
                  throw new DOMException('Access is denied for this document.', 'SecurityError'); } });</script>""" : "";
        return """
                <!DOCTYPE html>
                <html lang="%s"%s><head><meta charset="utf-8"><title>Harbour ferry returns</title>%s%s%s
                <script src="%s/widget.js"%s defer></script></head>
                <body><article>
                <p id="p1">The harbour ferry returned to service on Tuesday after a two-week repair of its <em>starboard</em> enigne.</p>
                <p id="p2">Passengers can buy tickets on board or at the kiosk by the pier.</p>
                <p id="p3" lang="ar">أعلنت الحكومة اليوم عن خطة جديدة لتحسين النقل العام في المدن الكبرى.</p>
                <p id="p4">Code samples quote &lt;img src=x onerror="window.pwned = 'page'"&gt; as text.</p>
                </article></body></html>
                """.formatted(query.getOrDefault("lang", "en"),
                        query.containsKey("dir") ? " dir=\"" + query.get("dir") + "\"" : "", canonical, storage, siteStrings,
                        intakeOrigin, options);
    }

    private void tooMany(HttpExchange exchange) throws IOException {
        if (answeredPreflight(exchange)) {
            return;
        }
        exchange.getResponseHeaders().set("Retry-After", "60");
        send(exchange, 429, "application/problem+json", "{\"status\":429,\"detail\":\"Slow down.\"}");
    }

    private void unavailable(HttpExchange exchange) throws IOException {
        if (answeredPreflight(exchange)) {
            return;
        }
        exchange.getResponseHeaders().set("Retry-After", "3600");
        send(exchange, 503, "application/problem+json", "{\"status\":503,\"detail\":\"Try again later.\"}");
    }

    private void brieflyUnavailable(HttpExchange exchange) throws IOException {
        if (answeredPreflight(exchange)) {
            return;
        }
        exchange.getResponseHeaders().set("Retry-After", "2");
        send(exchange, 503, "application/problem+json", "{\"status\":503,\"detail\":\"Try again in a moment.\"}");
    }

    private void refuses(HttpExchange exchange) throws IOException {
        if (answeredPreflight(exchange)) {
            return;
        }
        send(exchange, 400, "application/problem+json", "{\"status\":400,\"detail\":\"Invalid report: selection: "
                + "must not be a word this intake refuses.\",\"errors\":{\"selection\":\"must not be a word this intake "
                + "refuses\"}}");
    }

    /** An intake (or a proxy before it) whose refusal carries markup in its detail. */
    private void refusesWithMarkup(HttpExchange exchange) throws IOException {
        if (answeredPreflight(exchange)) {
            return;
        }
        send(exchange, 400, "application/problem+json", "{\"status\":400,\"detail\":\"Refused <img src=x "
                + "onerror=\\\"window.pwned = 'answer'\\\">.\"}");
    }

    private void held(HttpExchange exchange) throws IOException {
        if (answeredPreflight(exchange)) {
            return;
        }
        try {
            held.await(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        send(exchange, 202, "application/json", "{}");
    }

    /** Lets {@code /held} answer: the reports it holds, and any later one at once. */
    void releaseHeld() {
        held.countDown();
    }

    /**
     * CORS for the article's origin, Retry-After readable as the intake makes it; a preflight is
     * answered here, any other request's body read.
     */
    private boolean answeredPreflight(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin());
        exchange.getResponseHeaders().set("Access-Control-Expose-Headers", "Retry-After");
        exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
        exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return true;
        }
        exchange.getRequestBody().readAllBytes();
        return false;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        String raw = uri.getQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                values.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return values;
    }

    @Override
    public void close() {
        held.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

}
