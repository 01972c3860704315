package io.github.spellingreports.worker.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's own settings: the metrics account exists only with a password, and cannot be the
 * administrator.
 */
class WorkerPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Enable.class);

    @Test
    void theMetricsAccountExistsOnlyWithAPassword() {
        this.runner.run((context) -> {
            WorkerProperties.Metrics metrics = context.getBean(WorkerProperties.class).metrics();
            assertThat(metrics.username()).isEqualTo("metrics");
            assertThat(metrics.enabled()).isFalse();
        });
        this.runner.withPropertyValues("spelling.worker.metrics.password=scrape-password").run((context) ->
                assertThat(context.getBean(WorkerProperties.class).metrics().enabled()).isTrue());
    }

    @Test
    void theMetricsAccountCannotBeTheAdministrator() {
        this.runner.withPropertyValues("spelling.worker.metrics.username=Admin",
                "spelling.worker.metrics.password=scrape-password").run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("spelling.worker")
                            .hasMessageContaining("metrics.username must not be the admin's username");
                });
    }

    /**
     * The configured admin's password, the most powerful account's, under a known name, with logins never
     * locked out, was taken however short ("admin"); every other account's is 12 characters at least.
     */
    @Test
    void theConfiguredPasswordsAreAtLeast12Characters() {
        this.runner.withPropertyValues("spelling.worker.admin.password=admin").run((context) ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("spelling.worker")
                        .hasMessageContaining("admin.password must be at least 12 characters")
                        .hasMessageNotContaining("=admin"));
        this.runner.withPropertyValues("spelling.worker.metrics.password=scrape").run((context) ->
                assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("metrics.password must be at least 12 characters"));
        this.runner.withPropertyValues("spelling.worker.admin.password=" + "x".repeat(12),
                "spelling.worker.metrics.password=" + "y".repeat(12)).run((context) -> assertThat(context).hasNotFailed());
        this.runner.withPropertyValues("spelling.worker.admin.password=", "spelling.worker.metrics.password=")
                .run((context) -> assertThat(context).hasNotFailed());
    }

    /** BCrypt reads 72 bytes; a longer password stopped the worker with "password cannot be more than 72 bytes". */
    @Test
    void theConfiguredPasswordsAreAtMost72BytesInUtf8() {
        this.runner.withPropertyValues("spelling.worker.admin.password=" + "я".repeat(36),
                "spelling.worker.metrics.password=" + "x".repeat(72)).run((context) -> assertThat(context).hasNotFailed());
        this.runner.withPropertyValues("spelling.worker.admin.password=" + "я".repeat(37)).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("spelling.worker")
                    .hasMessageContaining("admin.password must be at most 72 bytes in UTF-8, what BCrypt reads "
                            + "(72 ASCII characters, 36 Cyrillic letters)")
                    .hasMessageNotContaining("яяя");
        });
        this.runner.withPropertyValues("spelling.worker.metrics.password=" + "x".repeat(73)).run((context) ->
                assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("metrics.password must be at most 72 bytes in UTF-8"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WorkerProperties.class)
    static class Enable {

    }

}
