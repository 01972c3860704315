package io.github.spellingreports.worker.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import io.github.spellingreports.events.DedupKey;

import io.github.spellingreports.events.Topics;
import io.github.spellingreports.worker.EmbeddedPostgresSupport;
import io.github.spellingreports.worker.WorkerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Secrets never reach the log nor the Actuator. The shared test context starts once per JVM,
 * before an output capture of a later test could see its start-up, so this test starts a worker
 * of its own (a database of its own on the embedded PostgreSQL, its own small broker) with known
 * secret values and reads everything that worker printed from start-up to shutdown, a failed
 * webhook delivery among it: the webhook's address is its password.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedIntegrationTests {

    private static final String ADMIN_PASSWORD = "admin-secret-4f1d9c";

    private static final String LINK_SECRET = "link-secret-0123456789abcdef0123456789";

    private static final String MAIL_PASSWORD = "mail-secret-7e2a5b";

    private static final String DATASOURCE_PASSWORD = "datasource-secret-93c7d1";

    private static final String METRICS_PASSWORD = "metrics-secret-2b8f6e";

    /** The secret part of a Slack-style webhook address. */
    private static final String WEBHOOK_SECRET = "webhook-secret-5d8e1a";

    private static EmbeddedKafkaKraftBroker broker;

    /** A webhook that answers every call with a 500. */
    private static HttpServer webhook;

    @BeforeAll
    static void startBroker() {
        // its own system property, so that the shared context's bootstrap servers stay untouched
        broker = new EmbeddedKafkaKraftBroker(1, 1, Topics.REPORTS, Topics.DEAD_LETTERS);
        broker.brokerListProperty("spelling.test.secrets.brokers");
        broker.afterPropertiesSet();
        try {
            webhook = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        webhook.createContext("/", (exchange) -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
        webhook.stop(0);
    }

    @Test
    void configuredSecretsAppearNeitherInTheLogNorInActuatorEndpoints(CapturedOutput output) {
        List<String> bodies;
        try (ConfigurableApplicationContext context = startWorker()) {
            bodies = exercise(context);
            hotError(context.getBean(DataSource.class));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(output.getAll()).contains("not delivered by WEBHOOK"));
        }
        List<String> secrets = List.of(ADMIN_PASSWORD, LINK_SECRET, MAIL_PASSWORD, DATASOURCE_PASSWORD, METRICS_PASSWORD,
                WEBHOOK_SECRET, basic("admin", ADMIN_PASSWORD), basic("metrics", METRICS_PASSWORD));
        // the capture did see the worker's start-up, a failed webhook call and shutdown, so its silence
        // about secrets means something
        assertThat(output.getAll()).contains("Retention job scheduled").contains("Shutdown completed");
        for (String secret : secrets) {
            assertThat(output.getAll()).as("log output").doesNotContain(secret);
            assertThat(bodies).as("Actuator answers").noneMatch((body) -> body.contains(secret));
        }
    }

    private static ConfigurableApplicationContext startWorker() {
        // command-line arguments: they outrank the system properties the shared context's broker sets
        return WorkerApplication.builder().run("--server.port=0", "--server.address=127.0.0.1",
                "--management.server.port=0", "--management.server.address=127.0.0.1",
                // a database of its own: the shared context's alert poll must not find its hot error
                "--spring.datasource.url=" + EmbeddedPostgresSupport.separateDatabase("secrets_test"),
                "--spring.datasource.username=postgres",
                // the embedded server trusts local connections, so any password works and a leak would show
                "--spring.datasource.password=" + DATASOURCE_PASSWORD,
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.kafka.consumer.group-id=secrets-test",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=1",
                "--spring.mail.username=digest", "--spring.mail.password=" + MAIL_PASSWORD,
                "--spelling.worker.admin.password=" + ADMIN_PASSWORD,
                "--spelling.worker.link-secret=" + LINK_SECRET,
                "--spelling.worker.metrics.password=" + METRICS_PASSWORD,
                "--spelling.alerts.webhook-url=http://127.0.0.1:" + webhook.getAddress().getPort() + "/services/T1/B1/"
                        + WEBHOOK_SECRET,
                "--spelling.alerts.hot-threshold=1", "--spelling.alerts.retry-interval=200ms",
                "--spelling.digest.enabled=false", "--spelling.digest.recipients=editors@example.com",
                "--spelling.digest.from=spelling-reports@example.com",
                "--logging.level.io.github.spellingreports=DEBUG");
    }

    /** Logs in, asks the Actuator for everything it might show, and returns every answer. */
    private static List<String> exercise(ConfigurableApplicationContext context) {
        String port = context.getEnvironment().getProperty("local.server.port");
        String managementPort = context.getEnvironment().getProperty("local.management.port");
        RestClient app = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        RestClient management = RestClient.builder().baseUrl("http://127.0.0.1:" + managementPort).build();
        assertThat(get(app, "/api/v1/errors").getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> env = get(management, "/actuator/env");
        ResponseEntity<String> configprops = get(management, "/actuator/configprops");
        ResponseEntity<String> health = get(management, "/actuator/health");
        ResponseEntity<String> prometheus = management.get().uri("/actuator/prometheus")
                .headers((headers) -> headers.setBasicAuth("metrics", METRICS_PASSWORD))
                .exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
                        .body(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        assertThat(prometheus.getStatusCode().value()).isEqualTo(200);
        // not exposed at all: nothing there to sanitise
        assertThat(env.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(404));
        assertThat(configprops.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(404));
        return List.of(env.getBody(), configprops.getBody(), health.getBody(), prometheus.getBody());
    }

    /** An error with a report just now: with a threshold of 1 the alert poll finds it hot and calls the webhook. */
    private static void hotError(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        String page = "https://news.example.com/secrets/" + UUID.randomUUID();
        Instant now = Instant.now();
        long errorId = jdbc.sql("""
                insert into spelling_error (dedup_key, page_url, page_title, lang, selection, context_before, context_after,
                                            report_count, first_reported_at, last_reported_at)
                values (?, ?, 'Secrets', 'en', 'Kazakstan', 'The government in ', ', it is said', 1, ?, ?) returning id""")
                .params(DedupKey.of(page, "The government in ", "Kazakstan", ", it is said"), page, Timestamp.from(now),
                        Timestamp.from(now))
                .query(Long.class).single();
        jdbc.sql("insert into report (report_id, error_id, received_at) values (?, ?, ?)")
                .params(UUID.randomUUID(), errorId, Timestamp.from(now)).update();
    }

    private static ResponseEntity<String> get(RestClient client, String path) {
        return client.get().uri(path).headers((headers) -> headers.setBasicAuth("admin", ADMIN_PASSWORD))
                .exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
                        .body(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private static String basic(String username, String password) {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

}
