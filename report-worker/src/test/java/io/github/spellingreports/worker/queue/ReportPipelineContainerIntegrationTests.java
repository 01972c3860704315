package io.github.spellingreports.worker.queue;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * The core pipeline scenario against the official PostgreSQL and Apache Kafka images, where a
 * Docker engine exists; skipped elsewhere, where {@link ReportPipelineIntegrationTests} runs the
 * same scenario on in-process infrastructure.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spelling.worker.admin.password=" + ReportPipelineContainerIntegrationTests.ADMIN_PASSWORD,
        "spelling.digest.recipients=editors@example.com",
        "spelling.digest.from=spelling-reports@example.com",
        // no mail is sent in this scenario; a host keeps mail-dependent beans satisfied
        "spring.mail.host=127.0.0.1" })
class ReportPipelineContainerIntegrationTests {

    static final String ADMIN_PASSWORD = "test-admin-password";

    @Container
    @ServiceConnection
    static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17.5");

    @Container
    @ServiceConnection
    static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");

    @LocalServerPort
    int port;

    @Test
    void spellingsOfOneErrorAreQueuedOnceWithTheirCount() {
        try (ReportProducer producer = new ReportProducer(kafka.getBootstrapServers())) {
            PipelineScenarios.variantsOfOneErrorAreQueuedOnceWithTheirCount(producer,
                    new QueueApi(this.port, "admin", ADMIN_PASSWORD));
        }
    }

    @Test
    void overlappingSelectionsJoinOneErrorAndOthersStayApart() {
        try (ReportProducer producer = new ReportProducer(kafka.getBootstrapServers())) {
            PipelineScenarios.overlappingSelectionsJoinOneErrorAndOthersStayApart(producer,
                    new QueueApi(this.port, "admin", ADMIN_PASSWORD));
        }
    }

}
