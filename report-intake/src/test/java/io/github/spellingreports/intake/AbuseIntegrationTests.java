package io.github.spellingreports.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.spellingreports.events.Topics;
import io.github.spellingreports.intake.abuse.RateLimitProperties;
import io.github.spellingreports.testsupport.RawHttp;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Abuse control over real HTTP: rate limits per reader behind a trusted proxy, X-Forwarded-For
 * from anyone else ignored, the honeypot, browser origins, security headers and error pages that
 * give nothing away.
 */
@SharedIntakeContext
class AbuseIntegrationTests {

    /** Readers' addresses of this class; each test takes fresh ones, the limiter lives as long as the context. */
    private static final AtomicInteger NEXT_READER = new AtomicInteger(1);

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Autowired
    private RateLimitProperties rateLimit;

    @Autowired
    private KafkaConnectionDetails kafka;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readerOverTheLimitGets429WithRetryAfterWhileAnotherReaderIsServed() throws Exception {
        String reader = freshReader();
        int limit = rateLimit.perClient().get(0).requests();
        for (int i = 0; i < limit; i++) {
            assertThat(post(reader, IntakeClient.report(null, "Kazakstan")).statusCode()).as("report %d", i + 1).isEqualTo(202);
        }

        HttpResponse<String> limited = post(reader, IntakeClient.report(null, "Kazakstan"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, rateLimit.perClient().get(0).period().toSeconds()));
        assertThat(limited.body()).contains("\"status\":429").contains("Please wait");
        assertThat(post(freshReader(), IntakeClient.report(null, "Kazakstan")).statusCode()).isEqualTo(202);
    }

    @Test
    void forwardedForFromAnUntrustedAddressIsIgnored() {
        int limit = rateLimit.perClient().get(0).requests();
        List<Integer> statuses = new ArrayList<>();
        // 127.0.0.2 is not a trusted proxy: however many readers it claims to speak for, it is one client.
        for (int i = 0; i <= limit; i++) {
            statuses.add(RawHttp.postJson(port, "127.0.0.2", "{}", "X-Forwarded-For: " + freshReader()).status());
        }

        assertThat(statuses.subList(0, limit)).containsOnly(400);
        assertThat(statuses.get(limit)).isEqualTo(429);
    }

    @Test
    void honeypotReportIsAnsweredLikeAnyOtherButNeverReachesTheTopic() throws Exception {
        String selection = "Honeypot " + UUID.randomUUID();
        String trap = IntakeClient.report(null, selection).replace("\"comment\"", "\"website\": \"https://spam.example\", \"comment\"");
        HttpResponse<String> caught = post(freshReader(), trap);
        // Same page, context and selection: same dedup key, same partition, so it would come first.
        HttpResponse<String> marker = post(freshReader(), IntakeClient.report(null, selection));

        assertThat(caught.statusCode()).isEqualTo(202);
        assertThat(caught.body()).matches("\\{\"reportId\":\"[0-9a-f-]{36}\"}");
        assertThat(marker.statusCode()).isEqualTo(202);
        List<String> values = recordsUpTo(marker.body().substring(13, 49));
        assertThat(values).filteredOn(value -> value.contains(selection)).hasSize(1)
                .allSatisfy(value -> assertThat(value).contains(marker.body().substring(13, 49)));
        String metrics = RestClient.create("http://127.0.0.1:" + this.managementPort).get().uri("/actuator/prometheus")
                .retrieve().body(String.class);
        assertThat(metrics).containsPattern(
                "spelling_intake_refused_total\\{[^}]*reason=\"honeypot\"[^}]*} [1-9]");
    }

    @Test
    void browserOnAnotherSiteIsForbidden() throws Exception {
        HttpResponse<String> answer = http.send(report(freshReader(), IntakeClient.report(null, "Kazakstan"))
                .header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void demoPagesScriptAndApiCarryTheirSecurityHeaders() throws Exception {
        HttpResponse<String> demo = get("/demo");
        HttpResponse<String> script = get("/widget.js");
        HttpResponse<String> report = post(freshReader(), IntakeClient.report(null, "Kazakstan"));

        assertThat(demo.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-eval")
                .doesNotContain("unsafe-inline").contains("style-src 'self';"));
        assertThat(script.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("cross-origin");
        assertThat(script.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(report.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("same-origin");
        for (HttpResponse<String> answer : List.of(demo, script, report)) {
            assertThat(answer.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(answer.headers().firstValue("Server")).isEmpty();
        }
    }

    @Test
    void errorsGiveAwayNoStackTracesVersionsOrServerNames() throws Exception {
        HttpResponse<String> missing = get("/no/such/page");
        HttpResponse<String> wrongMethod = get("/api/v1/reports");
        RawHttp.Response brokenEscape = RawHttp.send(port, "GET /demo%zz HTTP/1.1");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(brokenEscape.status()).isEqualTo(400);
        for (String body : List.of(missing.body(), wrongMethod.body(), brokenEscape.body())) {
            assertThat(body).doesNotContainIgnoringCase("tomcat").doesNotContainIgnoringCase("apache")
                    .doesNotContain("Exception").doesNotContain("at org.").doesNotContainIgnoringCase("spring")
                    .doesNotContain("io.github");
        }
        assertThat(missing.headers().firstValue("Server")).isEmpty();
        assertThat(brokenEscape.header("server")).isNull();
        assertThat(missing.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    private HttpResponse<String> post(String reader, String json) throws Exception {
        return http.send(report(reader, json).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder report(String reader, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", reader)
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String freshReader() {
        int n = NEXT_READER.getAndIncrement();
        return "198.18." + (n / 250) + "." + (n % 250 + 1);
    }

    /** Every record value of the topic, read with a real consumer until the one with this report id. */
    private List<String> recordsUpTo(String reportId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REPORTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.value()));
                assertThat(seen).anyMatch(value -> value.contains(reportId));
            });
            return seen;
        }
    }

}
