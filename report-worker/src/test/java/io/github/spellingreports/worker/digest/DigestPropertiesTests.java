package io.github.spellingreports.worker.digest;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class DigestPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class)
            .withPropertyValues("spelling.digest.recipients=editors@example.com", "spelling.digest.from=digest@example.com");

    @Test
    void defaultsApply() {
        this.runner.run((context) -> {
            DigestProperties properties = context.getBean(DigestProperties.class);
            assertThat(properties.cron()).isEqualTo("0 0 8 * * *");
            assertThat(properties.zone().getId()).isEqualTo("UTC");
            assertThat(properties.sendWhenEmpty()).isFalse();
            assertThat(properties.retryInitialInterval()).hasSeconds(30);
            assertThat(properties.retryMaxInterval()).hasMinutes(30);
        });
    }

    @Test
    void invalidFromAddressStopsStartUp() {
        this.runner.withPropertyValues("spelling.digest.from=not an address").run((context) ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("spelling.digest")
                        .hasMessageContaining("from").hasMessageContaining("well-formed email address"));
    }

    @Test
    void unknownZoneStopsStartUp() {
        this.runner.withPropertyValues("spelling.digest.zone=Mars/Olympus").run((context) ->
                assertThat(context).getFailure()
                        .satisfies((failure) -> assertThat(failure.getCause()).hasMessageContaining("spelling.digest.zone"))
                        .rootCause().hasMessageContaining("Mars/Olympus"));
    }

    @Test
    void invalidCronStopsStartUp() {
        this.runner.withPropertyValues("spelling.digest.cron=every morning").run((context) ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("cron expression"));
    }

    @Test
    void enabledDigestWithoutRecipientsStopsStartUp() {
        this.runner.withPropertyValues("spelling.digest.recipients=").run((context) ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("at least one address"));
    }

    @Test
    void disabledDigestNeedsNoRecipients() {
        this.runner.withPropertyValues("spelling.digest.recipients=", "spelling.digest.enabled=false")
                .run((context) -> assertThat(context).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DigestProperties.class)
    static class Config {

    }

}
