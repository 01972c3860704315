package io.github.spellingreports.worker.lag;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anonymous {@code GET /actuator/health} ran every contributor per request (an SMTP connection and
 * login, a Kafka describe, a database check), though it shows the status only: an uptime monitor, or
 * anyone looping it, made SMTP logins and held the worker's threads. A contributor here counts how
 * often the contributors run (a context of its own for it).
 */
class HealthCacheIntegrationTests extends WorkerIntegrationTestSupport {

    private static final AtomicInteger checks = new AtomicInteger();

    @LocalManagementPort
    int managementPort;

    @Test
    void twoAnonymousHealthRequestsInARowRunTheContributorsOnce() {
        RestClient anonymous = RestClient.builder().baseUrl("http://127.0.0.1:" + this.managementPort).build();
        int before = checks.get();
        assertThat(status(anonymous)).isEqualTo(200);
        assertThat(status(anonymous)).isEqualTo(200);
        assertThat(checks.get() - before).isEqualTo(1);
    }

    private static int status(RestClient client) {
        return client.get().uri("/actuator/health").exchange((request, response) -> response.getStatusCode().value(), true);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CountedChecks {

        @Bean
        HealthIndicator counted() {
            return () -> {
                checks.incrementAndGet();
                return Health.up().build();
            };
        }

    }

}
