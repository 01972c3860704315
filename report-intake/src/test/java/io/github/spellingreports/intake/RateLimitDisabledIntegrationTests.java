package io.github.spellingreports.intake;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spelling.intake.rate-limit.enabled=false} turns the limits off (load tests, migrations).
 * The limit configured here would refuse the second report; invalid reports are enough to show it,
 * since the limits apply before a report is read, so no broker is needed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spelling.intake.allowed-origins=https://news.example",
        "spelling.intake.rate-limit.enabled=false",
        "spelling.intake.rate-limit.per-client=1/1h",
        "spring.kafka.admin.auto-create=false" })
class RateLimitDisabledIntegrationTests {

    @LocalServerPort
    private int port;

    @Test
    void disabledRateLimitsNeverAnswer429() {
        IntakeClient client = new IntakeClient(port);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(client.postReport("{}").status());
        }

        assertThat(statuses).containsOnly(400);
    }

}
