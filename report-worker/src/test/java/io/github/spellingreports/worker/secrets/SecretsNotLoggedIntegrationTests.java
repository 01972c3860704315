package io.github.spellingreports.worker.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

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
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets never reach the log nor the Actuator. The shared test context starts once per JVM,
 * before an output capture of a later test could see its start-up, so this test starts a worker
 * of its own (same embedded PostgreSQL, its own small broker) with known secret values and reads
 * everything that worker printed from start-up to shutdown.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedIntegrationTests {

    private static final String ADMIN_PASSWORD = "admin-secret-4f1d9c";

    private static final String LINK_SECRET = "link-secret-0123456789abcdef0123456789";

    private static final String MAIL_PASSWORD = "mail-secret-7e2a5b";

    private static final String DATASOURCE_PASSWORD = "datasource-secret-93c7d1";

    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        // its own system property, so that the shared context's bootstrap servers stay untouched
        broker = new EmbeddedKafkaKraftBroker(1, 1, Topics.REPORTS, Topics.DEAD_LETTERS);
        broker.brokerListProperty("spelling.test.secrets.brokers");
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void configuredSecretsAppearNeitherInTheLogNorInActuatorEndpoints(CapturedOutput output) {
        List<String> bodies;
        try (ConfigurableApplicationContext context = startWorker()) {
            bodies = exercise(context);
        }
        List<String> secrets = List.of(ADMIN_PASSWORD, LINK_SECRET, MAIL_PASSWORD, DATASOURCE_PASSWORD,
                basic("admin", ADMIN_PASSWORD));
        // the capture did see the worker's start-up and shutdown, so its silence about secrets means something
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
                "--spring.datasource.url=" + EmbeddedPostgresSupport.jdbcUrl(),
                "--spring.datasource.username=postgres",
                // the embedded server trusts local connections, so any password works and a leak would show
                "--spring.datasource.password=" + DATASOURCE_PASSWORD,
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.kafka.consumer.group-id=secrets-test",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=1",
                "--spring.mail.username=digest", "--spring.mail.password=" + MAIL_PASSWORD,
                "--spelling.worker.admin.password=" + ADMIN_PASSWORD,
                "--spelling.worker.link-secret=" + LINK_SECRET,
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
        // not exposed at all: nothing there to sanitise
        assertThat(env.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(404));
        assertThat(configprops.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(404));
        return List.of(env.getBody(), configprops.getBody(), health.getBody());
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
