package io.github.spellingreports.worker;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.spellingreports.events.Topics;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the worker's integration tests: the whole application against real infrastructure,
 * Apache Kafka's in-process KRaft broker, an embedded PostgreSQL server and a GreenMail SMTP
 * server, all on 127.0.0.1. Every subclass shares one Spring context (keep it that way: do not
 * add per-class properties unless a test truly needs another context).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spelling.worker.admin.password=" + WorkerIntegrationTestSupport.ADMIN_PASSWORD,
        "spelling.worker.metrics.password=" + WorkerIntegrationTestSupport.METRICS_PASSWORD,
        "spelling.digest.recipients=editors@example.com",
        // tests build digests on demand; a real cron fire must not take their data
        "spelling.digest.enabled=false",
        // likewise the nightly retention job: tests call it directly
        "spelling.worker.retention.enabled=false",
        // hot-typo alerts are mailed asynchronously into the shared GreenMail: they have a context of their own
        "spelling.alerts.enabled=false",
        "spelling.digest.from=spelling-reports@example.com" })
@EmbeddedKafka(partitions = 3, topics = { Topics.REPORTS, Topics.DEAD_LETTERS },
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class WorkerIntegrationTestSupport {

    protected static final String ADMIN_USERNAME = "admin";

    protected static final String ADMIN_PASSWORD = "test-admin-password";

    /** Prometheus's password (the metrics account, {@code spelling.worker.metrics.*}). */
    protected static final String METRICS_PASSWORD = "test-metrics-password";

    /** One SMTP server for the whole test JVM; tests purge it before use. */
    protected static final GreenMail greenMail = startGreenMail();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", EmbeddedPostgresSupport::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
    }

    private static GreenMail startGreenMail() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "greenmail-stop"));
        return server;
    }

}
