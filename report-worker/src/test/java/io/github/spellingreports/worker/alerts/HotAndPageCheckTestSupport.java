package io.github.spellingreports.worker.alerts;


import com.zaxxer.hikari.HikariDataSource;
import io.github.spellingreports.worker.EmbeddedPostgresSupport;
import io.github.spellingreports.worker.LocalPorts;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * One context for the hot-typo alert and page check tests: a webhook and pages on {@link LocalWeb},
 * fast retries, and a database of its own on the shared PostgreSQL server, so that the shared
 * context's polls never deliver this context's alerts (and the other way round).
 */
@TestPropertySource(properties = { "spelling.alerts.enabled=true", "spelling.alerts.retry-interval=200ms", "spelling.alerts.retry-initial-interval=200ms",
        "spelling.alerts.retry-max-interval=500ms", "spelling.alerts.webhook-max-attempts=50",
        "spelling.alerts.webhook-read-timeout=1s", "spelling.digest.verify-timeout=1s" })
@Import(HotAndPageCheckTestSupport.SeparateDatabase.class)
public abstract class HotAndPageCheckTestSupport extends WorkerIntegrationTestSupport {

    private static final String DATABASE = "hot_and_page_check";

    /** A port nobody listens on (allowed as an origin too, to prove a refused connection changes nothing). */
    protected static final int CLOSED_PORT = LocalPorts.free();

    @DynamicPropertySource
    static void localWeb(DynamicPropertyRegistry registry) {
        registry.add("spelling.alerts.webhook-url", () -> LocalWeb.origin() + "/hook");
        registry.add("spelling.digest.verify-allowed-origins",
                () -> LocalWeb.origin() + ",http://127.0.0.1:" + CLOSED_PORT);
    }

    /** A bean rather than properties: the base class's dynamic {@code spring.datasource.url} wins over a subclass's. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SeparateDatabase {

        @Bean
        HikariDataSource dataSource() {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(EmbeddedPostgresSupport.separateDatabase(DATABASE));
            dataSource.setUsername("postgres");
            dataSource.setPassword("postgres");
            return dataSource;
        }

    }

}
