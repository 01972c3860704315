package io.github.spellingreports.intake;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.spellingreports.events.Topics;
import io.github.spellingreports.testsupport.RawHttp;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole intake on a real HTTP port against Apache Kafka's in-process KRaft broker. The broker
 * starts without topics, so the intake's own topic declaration is what creates {@link Topics#REPORTS}.
 */
@ExtendWith(OutputCaptureExtension.class)
@SharedIntakeContext
class ReportIntakeIntegrationTests extends ReportPublishingScenario {

    @LocalServerPort
    private int port;

    // Actuator runs on its own port (management.server.port; random in tests)
    @LocalManagementPort
    private int managementPort;

    @Autowired
    private KafkaConnectionDetails kafka;

    @Autowired
    private ProducerFactory<?, ?> producers;

    /**
     * A 202 means Kafka has the report: the producer waits for every in-sync replica, and sends a
     * retried batch once (the publish tests mock Kafka, and a record showing up in the topic would
     * come of a fire-and-forget 202 too).
     */
    @Test
    void theProducerWaitsForEveryInSyncReplicaAndSendsARetryOnce() {
        assertThat(this.producers.getConfigurationProperties()).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    }

    @Test
    void reportsTopicIsCreatedWithThreePartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getBootstrapServers())))) {
            TopicDescription topic = admin.describeTopics(List.of(Topics.REPORTS)).allTopicNames().get().get(Topics.REPORTS);
            assertThat(topic.partitions()).hasSize(3);
        }
    }

    @Test
    void chunkedBodyOver16KibWithoutContentLengthIsTooLarge() throws Exception {
        byte[] body = IntakeClient.report(null, "x".repeat(20 * 1024)).getBytes(StandardCharsets.UTF_8);
        // A body publisher of unknown length makes the JDK client send Transfer-Encoding: chunked.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Length")).as("request was chunked").isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    /** curl sends what is typed: Tomcat cannot read such an address, and its answer is the API's kind. */
    @Test
    void anAddressWithRawCyrillicGetsAProblemDetail(CapturedOutput output) {
        RawHttp.Response response = RawHttp.send(port, "POST /api/v1/reports?from=главная HTTP/1.1", "Content-Length: 0");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"title\":\"Bad Request\"").contains("percent-encode")
                .doesNotContain("Tomcat").doesNotContain("<html");
        assertThat(RawHttp.send(managementPort, "GET /actuator/health?q=главная HTTP/1.1").header("Content-Type"))
                .as("the actuator's own port").startsWith("application/problem+json");
        assertThat(output).as("the client's mistake, not the server's: no stack trace in the log")
                .doesNotContain("Error parsing HTTP request header");
    }

    /** Tomcat reads parameters when first asked for: a stray %FF made the actuator's Prometheus endpoint fail with a 500. */
    @Test
    void aParameterThatIsNotUtf8GetsAProblemDetail() {
        RawHttp.Response response = RawHttp.send(managementPort, "GET /actuator/prometheus?includedNames=%FF HTTP/1.1");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"detail\":\"A parameter of the request is not text in UTF-8")
                .contains("\"status\":400");
    }

    /**
     * What Tomcat refuses itself (TRACE) reaches Spring Boot's error page, which answered with its own
     * JSON, or its "Whitelabel Error Page" for a browser; /error asked for as an address was a 500.
     */
    @Test
    void whatFailsBeforeAnyControllerGetsAProblemDetailToo() {
        for (String accept : List.of("*/*", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")) {
            RawHttp.Response trace = RawHttp.send(port, "TRACE /api/v1/reports HTTP/1.1", "Accept: " + accept);
            assertThat(trace.status()).isEqualTo(405);
            assertThat(trace.header("Content-Type")).as(accept).startsWith("application/problem+json");
            assertThat(trace.body()).isEqualTo("{\"detail\":\"Method Not Allowed. The intake takes reports at POST "
                    + "/api/v1/reports and serves the widget at /widget.js.\",\"instance\":\"/api/v1/reports\","
                    + "\"status\":405,\"title\":\"Method Not Allowed\"}");
        }
        RawHttp.Response error = RawHttp.send(port, "GET /error HTTP/1.1");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.header("Content-Type")).startsWith("application/problem+json");
        assertThat(error.body()).contains("\"detail\":\"No endpoint GET /error. The intake takes reports at POST "
                + "/api/v1/reports and serves the widget at /widget.js.\"");
    }

    @Test
    void chunkedReportUnderTheLimitIsReadWholeAndAccepted() throws Exception {
        // without a Content-Length the body is read up to one byte past the limit; with one, exactly that long
        byte[] body = IntakeClient.report(null, "chunkd").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(new IntakeClient(port).postReport(IntakeClient.report(null, "sized")).status()).isEqualTo(202);
    }

    @Test
    void healthAndPrometheusMetricsAreExposedOnTheManagementPort() {
        assertThat(new IntakeClient(port).postReport(IntakeClient.report(null, "teh")).status()).isEqualTo(202);
        RestClient http = RestClient.create("http://127.0.0.1:" + managementPort);

        assertThat(http.get().uri("/actuator/health").retrieve().body(String.class)).contains("\"status\":\"UP\"");
        assertThat(http.get().uri("/actuator/health/readiness").retrieve().body(String.class)).contains("\"status\":\"UP\"");
        String metrics = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metrics).contains("jvm_memory_used_bytes")
                .containsPattern("spelling_intake_reports_total\\{[^}]*outcome=\"accepted\"[^}]*} [1-9]")
                .contains("spelling_intake_publish_seconds_count");
        // every outcome is there from the start, so that its first increase counts in rate() and increase()
        assertThat(metrics).contains("outcome=\"rejected_invalid\"", "outcome=\"rejected_unreadable\"",
                "outcome=\"rejected_too_large\"", "outcome=\"rejected_unavailable\"");
    }

    /** Which build an intake runs (two intakes mid-upgrade may differ): its artifact, version and build time. */
    @Test
    void infoOnTheManagementPortSaysWhichBuildRuns() {
        String info = RestClient.create("http://127.0.0.1:" + managementPort).get().uri("/actuator/info")
                .retrieve().body(String.class);
        assertThat(info).containsPattern("\"build\":\\{[^}]*\"artifact\":\"report-intake\"")
                .containsPattern("\"version\":\"[0-9][^\"]*\"").containsPattern("\"time\":\"20[0-9-]+T");
    }

    @Test
    void invalidReportIsABadRequestNamingTheField() {
        IntakeClient.Answer answer = new IntakeClient(port).postReport(IntakeClient.report("not-a-uuid", "Kazakstan"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
        assertThat(answer.body()).contains("\"reportId\":\"must be a UUID\"").doesNotContain("Exception");
    }

}
