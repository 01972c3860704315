package io.github.spellingreports.worker.alerts;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The webhook's timeouts bound the whole call, not only the wait for its answer's headers. */
class AlertWebhookTests {

    @Test
    void webhookThatStallsAfterItsHeadersFailsWithinItsTimeouts() {
        AlertWebhook webhook = new AlertWebhook(properties(URI.create(LocalWeb.stalledHook())));

        // the bound is generous (the timeouts add up to 2 s): it only tells a failure from a hang
        assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThatExceptionOfType(IOException.class).isThrownBy(() -> webhook.post("hot typo")));
    }

    private static AlertProperties properties(URI webhookUrl) {
        return new AlertProperties(true, 5, Duration.ofMinutes(30), webhookUrl, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 5, Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofSeconds(30),
                Duration.ofMinutes(5), 2, 1000, 25, Duration.ZERO);
    }

}
