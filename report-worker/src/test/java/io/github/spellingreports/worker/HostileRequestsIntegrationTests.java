package io.github.spellingreports.worker;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.spellingreports.worker.console.ActionLinks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every address of the worker, API and console, with each of its parameters (and path variables)
 * set in turn to what people and scripts get wrong or try on purpose, over real HTTP against the
 * real Tomcat: the answer is never a 5xx, a client error is a problem detail for the API and a
 * page for the console, and no stack trace shows. Forms are sent logged in, with their CSRF token.
 * Nothing here can change data another test relies on: the ids tried name no error, account,
 * digest or dead letter but an error of this test's own (a dead letter's other coordinate is an offset or a partition no topic
 * has, so that a value such as 0 names none), and no form that sends a digest or replays every
 * dead letter is tried.
 */
class HostileRequestsIntegrationTests extends WorkerIntegrationTestSupport {

    /** Values as they appear in an address (already percent-encoded where they need it). */
    private static final List<String> VALUES = List.of("", "%20", "%FF", "%ED%A0%80", "%C3%28", "%00", "%0A%0D",
            "-1", "0", "2147483648", "99999999999999999999", "1e3", "0x10", "abc", "NEW%3B%20DROP%20TABLE%20app_user",
            "..%2F..%2Fetc%2Fpasswd", "%D1%8F", "%E2%80%AE", "x".repeat(3000), "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "null", "%5B%5D", "true", "%2F%2Fevil.example", "https%3A%2F%2Fevil.example%2F", "%25", "%2", "%zz",
            "%F0%9F%98%80", "%CC%81", "%20NEW%20", "new");

    /** A line of a Java stack trace: {@code at org.example.Type.method(Type.java:42)}. */
    private static final Pattern STACK_FRAME = Pattern.compile("at [\\w$.]+\\([\\w$]+\\.java:\\d+\\)");

    private static final String API = "API";

    private static final String CONSOLE = "CONSOLE";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ActionLinks links;

    private String csrf;

    private final List<String> failures = new ArrayList<>();

    @BeforeEach
    void logInToTheConsole() throws Exception {
        String form = get("/console/login", CONSOLE).body();
        send(HttpRequest.newBuilder(uri("/console/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + ADMIN_USERNAME + "&password=" + ADMIN_PASSWORD
                        + "&_csrf=" + csrfOf(form))));
        HttpResponse<String> account = get("/console/account", CONSOLE);
        assertThat(account.statusCode()).as("logged in").isEqualTo(200);
        this.csrf = csrfOf(account.body());
    }

    @Test
    void everyApiAddressAndParameterAnswersHostileValuesWithoutAServerError() throws Exception {
        tryEach(API, "GET", "/api/v1/errors", "status", "lang", "pageUrl", "q", "exactPage", "page", "size");
        tryEach(API, "GET", "/api/v1/errors/{}", "x");
        tryEach(API, "GET", "/api/v1/errors/{}/reports", "page", "size");
        tryEach(API, "GET", "/api/v1/digests/{}", "x");
        tryEach(API, "GET", "/api/v1/lag", "fresh");
        tryEach(API, "GET", "/api/v1/dead-letters", "all");
        tryEach(API, "POST", "/api/v1/dead-letters/{}/999999999/discard", "x");
        tryEach(API, "POST", "/api/v1/dead-letters/99/{}/replay", "x");

        assertThat(this.failures).isEmpty();
    }

    @Test
    void everyConsoleAddressAndParameterAnswersHostileValuesWithoutAServerError() throws Exception {
        tryEach(CONSOLE, "GET", "/console/queue", "status", "lang", "pageUrl", "q", "exactPage", "page");
        tryEach(CONSOLE, "GET", "/console/errors/{}", "page");
        tryEach(CONSOLE, "GET", "/console/digests", "page");
        tryEach(CONSOLE, "GET", "/console/digests/{}", "x");
        tryEach(CONSOLE, "GET", "/console/digests/{}/html", "x");
        long error = ownError();
        tryWith(CONSOLE, "GET", "/console/errors/{}", Map.of("page", "1", "back", "status%3DNEW"), error);
        for (String action : List.of("fixed", "dismiss")) {
            // each part of a real link in turn hostile, the others as signed: the signature is checked
            tryWith(CONSOLE, "GET", "/console/links/{}/" + action, link(error, action), error);
            tryWith(CONSOLE, "POST", "/console/links/{}/" + action, link(error, action), error);
        }
        tryEach(CONSOLE, "GET", "/console/links/0/{}", "expires");
        tryEach(CONSOLE, "GET", "/console/ops/lag", "fresh");
        tryEach(CONSOLE, "GET", "/console/ops/dead-letters", "all");
        tryEach(CONSOLE, "GET", "/console/users", "x");
        tryEach(CONSOLE, "GET", "/console/login", "error", "continue");

        tryEach(CONSOLE, "POST", "/console/errors/{}/status", "status", "note");
        tryEach(CONSOLE, "POST", "/console/queue/status", "id", "status", "filterStatus", "lang", "pageUrl", "q", "exactPage", "page");
        tryEach(CONSOLE, "POST", "/console/users", "username", "password", "role");
        tryEach(CONSOLE, "POST", "/console/users/{}/enabled", "enabled");
        tryEach(CONSOLE, "POST", "/console/users/{}/role", "role");
        tryEach(CONSOLE, "POST", "/console/users/{}/password", "password");
        tryEach(CONSOLE, "POST", "/console/account/password", "currentPassword", "newPassword", "repeatedPassword");
        tryWith(CONSOLE, "POST", "/console/errors/{}/status", Map.of("status", "FIXED", "note", "hostile", "back",
                "status%3DNEW", "page", "1"), error);
        tryEach(CONSOLE, "POST", "/console/ops/dead-letters/{}/999999999/replay", "all");
        tryEach(CONSOLE, "POST", "/console/ops/dead-letters/99/{}/discard", "all");

        assertThat(this.failures).isEmpty();
    }

    @Test
    void theActuatorAnswersHostileValuesWithoutAServerError() throws Exception {
        for (String value : VALUES) {
            for (String path : List.of("/actuator/prometheus?includedNames=" + value, "/actuator/health?x=" + value,
                    "/actuator/info?x=" + value)) {
                if (!validUri(path)) {
                    continue;
                }
                HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + this.managementPort + path)).header("Authorization", basic()).build(),
                        HttpResponse.BodyHandlers.ofString());
                check(API, "GET " + path, answer);
            }
        }
        assertThat(this.failures).isEmpty();
    }

    /**
     * Each parameter set in turn to each value, the others left out; with a path variable
     * ({@code {}}), each value there too, with no parameter.
     */
    private void tryEach(String kind, String method, String template, String... parameters) throws Exception {
        for (String value : VALUES) {
            if (template.contains("{}")) {
                request(kind, method, template.replace("{}", value), Map.of());
            }
            String path = template.replace("{}", "999999999");
            for (String parameter : parameters) {
                request(kind, method, path, Map.of(parameter, value));
            }
        }
    }

    /**
     * On this test's own error: each parameter in turn set to each value, the others as given (so
     * that a check after the first one is reached: a link's signature with its real expiry); and each
     * value as the path variable, with the parameters as given.
     */
    private void tryWith(String kind, String method, String template, Map<String, String> given, long id)
            throws Exception {
        for (String value : VALUES) {
            request(kind, method, template.replace("{}", value), given);
            for (String parameter : given.keySet()) {
                Map<String, String> parameters = new LinkedHashMap<>(given);
                parameters.put(parameter, value);
                request(kind, method, template.replace("{}", Long.toString(id)), parameters);
            }
        }
    }

    /** @return an open error of this test's own, on a page of its own */
    private long ownError() {
        String page = "https://news.example.com/hostile/" + UUID.randomUUID();
        return this.jdbc.sql("""
                insert into spelling_error (dedup_key, page_url, page_title, lang, selection, context_before, context_after,
                                            report_count, first_reported_at, last_reported_at)
                values (?, ?, 'Hostile', 'en', 'teh', 'The ', ' cat', 1, now(), now()) returning id""")
                .params((UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", ""), page)
                .query(Long.class).single();
    }

    /** @return the parameters of a real one-click link of the error, as the mail has them */
    private Map<String, String> link(long errorId, String action) {
        String url = action.equals("fixed") ? this.links.fixed(errorId) : this.links.dismiss(errorId);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            parameters.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return parameters;
    }

    private void request(String kind, String method, String path, Map<String, String> parameters) throws Exception {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> query.append(query.isEmpty() ? "" : "&").append(name).append('=').append(value));
        HttpResponse<String> answer;
        String shown;
        if (method.equals("GET")) {
            String address = path + (query.isEmpty() ? "" : "?" + query);
            shown = "GET " + address;
            if (address.contains("{") || !validUri(address)) {
                return;
            }
            answer = get(address, kind);
        }
        else {
            String form = query + (query.isEmpty() ? "" : "&") + "_csrf=" + this.csrf;
            shown = "POST " + path + " " + form;
            if (!validUri(path)) {
                return;
            }
            answer = send(builder(path, kind).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }
        check(kind, shown, answer);
    }

    private void check(String kind, String request, HttpResponse<String> answer) {
        int status = answer.statusCode();
        String type = answer.headers().firstValue("Content-Type").orElse("");
        String body = answer.body();
        String shown = request.length() > 200 ? request.substring(0, 200) + "..." : request;
        if (status >= 500) {
            this.failures.add(shown + " -> " + status + " " + body.substring(0, Math.min(300, body.length())));
        }
        else if (status >= 400 && kind.equals(API) && !type.startsWith("application/problem+json")) {
            this.failures.add(shown + " -> " + status + " as " + type);
        }
        else if (status >= 400 && kind.equals(CONSOLE) && !type.startsWith("text/html")) {
            this.failures.add(shown + " -> " + status + " as " + type);
        }
        else if (STACK_FRAME.matcher(body).find()) {
            this.failures.add(shown + " -> " + status + " shows a stack trace");
        }
        else if (status >= 400 && body.contains("Exception")) {
            // a page may name one (the dead letters' failures do), an error answer must not
            this.failures.add(shown + " -> " + status + " names an exception");
        }
    }

    private HttpResponse<String> get(String path, String kind) throws IOException, InterruptedException {
        return send(builder(path, kind).GET());
    }

    private HttpRequest.Builder builder(String path, String kind) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
        return kind.equals(API) ? builder.header("Authorization", basic()).header("Accept", "application/json")
                : builder.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.port + path);
    }

    /** A value such as {@code %zz} or {@code %2} is no address at all: no client can send it. */
    private static boolean validUri(String path) {
        try {
            URI.create("http://127.0.0.1" + path);
            return true;
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    private static String basic() {
        return "Basic " + HttpHeaders.encodeBasicAuth(ADMIN_USERNAME, ADMIN_PASSWORD, null);
    }

    private static String csrfOf(String page) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(token.find()).as("a CSRF token in the page").isTrue();
        return token.group(1);
    }

}
