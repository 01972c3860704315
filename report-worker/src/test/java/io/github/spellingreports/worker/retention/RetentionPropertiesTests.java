package io.github.spellingreports.worker.retention;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Test
    void defaultsApply() {
        this.runner.run((context) -> {
            RetentionProperties properties = context.getBean(RetentionProperties.class);
            assertThat(properties.enabled()).isTrue();
            assertThat(properties.cron()).isEqualTo("0 30 3 * * *");
            assertThat(properties.reports()).hasDays(90);
            assertThat(properties.clientHashes()).hasDays(30);
            assertThat(properties.resolvedErrors()).hasDays(365);
            assertThat(properties.mails()).hasDays(90);
            assertThat(properties.batchSize()).isEqualTo(1000);
        });
    }

    @Test
    void reportRetentionShorterThanTwoWeeksStopsStartUp() {
        this.runner.withPropertyValues("spelling.worker.retention.reports=7d", "spelling.worker.retention.client-hashes=1d")
                .run((context) -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("spelling.worker.retention")
                        .hasMessageContaining("reports must be at least 14d")
                        .hasMessageContaining("redelivered Kafka record"));
    }

    @Test
    void clientHashesKeptLongerThanReportsStopsStartUp() {
        this.runner.withPropertyValues("spelling.worker.retention.client-hashes=100d").run((context) ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("client-hashes must be positive and not longer"));
    }

    @Test
    void invalidCronStopsStartUp() {
        this.runner.withPropertyValues("spelling.worker.retention.cron=nightly").run((context) ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("cron expression"));
    }

    @Test
    void zeroBatchSizeStopsStartUp() {
        this.runner.withPropertyValues("spelling.worker.retention.batch-size=0").run((context) ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("batchSize"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RetentionProperties.class)
    static class Config {

    }

}
