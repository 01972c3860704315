package io.github.spellingreports.worker.alerts;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad {@code spelling.alerts.*} values stop the worker at start-up with a message naming the setting. */
class AlertPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Test
    void defaultsMatchTheDocumentation() {
        this.runner.run((context) -> {
            AlertProperties properties = context.getBean(AlertProperties.class);
            assertThat(properties.enabled()).isTrue();
            assertThat(properties.hotThreshold()).isEqualTo(5);
            assertThat(properties.hotWindow()).isEqualTo(Duration.ofMinutes(30));
            assertThat(properties.webhookUrl()).isNull();
            assertThat(properties.webhookMaxAttempts()).isEqualTo(5);
            assertThat(properties.maxPerMail()).isEqualTo(25);
            assertThat(properties.mailInterval()).isZero();
        });
    }

    @Test
    void negativeMailIntervalOrMaxPerMailOutOfRangeStopsStartUp() {
        rootCauseOfFailedStartUp("spelling.alerts.mail-interval=-1m").hasMessageContaining("mail-interval must not be negative");
        rootCauseOfFailedStartUp("spelling.alerts.max-per-mail=0").hasMessageContaining("maxPerMail");
        this.runner.withPropertyValues("spelling.alerts.mail-interval=5m", "spelling.alerts.max-per-mail=1")
                .run((context) -> assertThat(context.getBean(AlertProperties.class).mailInterval()).isEqualTo(Duration.ofMinutes(5)));
    }

    @Test
    void zeroThresholdStopsStartUp() {
        rootCauseOfFailedStartUp("spelling.alerts.hot-threshold=0").hasMessageContaining("spelling.alerts")
                .hasMessageContaining("hotThreshold");
    }

    @Test
    void zeroOrNegativeWindowStopsStartUp() {
        rootCauseOfFailedStartUp("spelling.alerts.hot-window=0s").hasMessageContaining("durations must be positive");
        rootCauseOfFailedStartUp("spelling.alerts.hot-window=-5m").hasMessageContaining("durations must be positive");
    }

    @Test
    void unreadableWindowStopsStartUp() {
        rootCauseOfFailedStartUp("spelling.alerts.hot-window=half an hour").hasMessageContaining("half an hour");
    }

    @Test
    void webhookThatIsNotHttpStopsStartUp() {
        rootCauseOfFailedStartUp("spelling.alerts.webhook-url=ftp://hooks.example/x")
                .hasMessageContaining("webhook-url must be an absolute http or https URL");
        rootCauseOfFailedStartUp("spelling.alerts.webhook-url=hooks.slack.com/services/T/B/X")
                .hasMessageContaining("webhook-url must be an absolute http or https URL");
    }

    @Test
    void httpsWebhookIsAccepted() {
        this.runner.withPropertyValues("spelling.alerts.webhook-url=https://hooks.slack.com/services/T/B/X")
                .run((context) -> assertThat(context.getBean(AlertProperties.class).webhookUrl())
                        .hasToString("https://hooks.slack.com/services/T/B/X"));
    }

    @Test
    void retryMaxShorterThanInitialStopsStartUp() {
        rootCauseOfFailedStartUp("spelling.alerts.retry-initial-interval=10m", "spelling.alerts.retry-max-interval=1m")
                .hasMessageContaining("retry-max-interval not shorter than retry-initial-interval");
    }

    @Test
    void backOffDoublesUpToTheMaximum() {
        this.runner.withPropertyValues("spelling.alerts.retry-initial-interval=30s", "spelling.alerts.retry-max-interval=5m")
                .run((context) -> {
                    AlertProperties properties = context.getBean(AlertProperties.class);
                    assertThat(properties.backOff(1)).isEqualTo(Duration.ofSeconds(30));
                    assertThat(properties.backOff(2)).isEqualTo(Duration.ofMinutes(1));
                    assertThat(properties.backOff(4)).isEqualTo(Duration.ofMinutes(4));
                    assertThat(properties.backOff(5)).isEqualTo(Duration.ofMinutes(5));
                    assertThat(properties.backOff(500)).isEqualTo(Duration.ofMinutes(5));
                });
    }

    /**
     * A call still running when its claim ran out let a second worker post the same message: the
     * webhook's timeouts must end before the claim does.
     */
    @Test
    void webhookTimeoutsNotShorterThanTheClaimStopStartUp() {
        rootCauseOfFailedStartUp("spelling.alerts.webhook-read-timeout=5m", "spelling.alerts.claim-timeout=5m")
                .hasMessageContaining("webhook-connect-timeout plus webhook-read-timeout must be shorter than claim-timeout");
    }

    /** Starts the context with these properties, asserts that it failed, and returns its failure's root cause. */
    private AbstractThrowableAssert<?, ? extends Throwable> rootCauseOfFailedStartUp(String... properties) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        this.runner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            failure.set(context.getStartupFailure());
        });
        return assertThat(failure.get()).rootCause();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AlertProperties.class)
    static class Config {

    }

}
