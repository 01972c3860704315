package io.github.spellingreports.intake.abuse;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void defaultsAreFarAboveWhatAReaderSends() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            RateLimitProperties properties = context.getBean(RateLimitProperties.class);
            assertThat(properties.enabled()).isTrue();
            assertThat(properties.perClient()).containsExactly(new Limit(10, Duration.ofMinutes(1)),
                    new Limit(60, Duration.ofHours(1)), new Limit(200, Duration.ofDays(1)));
            assertThat(properties.global()).isEqualTo(new Limit(500, Duration.ofSeconds(1)));
            assertThat(properties.maxClients()).isEqualTo(50_000);
        });
    }

    @Test
    void limitsAreReadFromACommaSeparatedList() {
        runner.withPropertyValues("spelling.intake.rate-limit.per-client=3/1s, 100/1h",
                "spelling.intake.rate-limit.global=50/1s")
                .run(context -> {
                    RateLimitProperties properties = context.getBean(RateLimitProperties.class);
                    assertThat(properties.perClient()).isEqualTo(List.of(new Limit(3, Duration.ofSeconds(1)),
                            new Limit(100, Duration.ofHours(1))));
                    assertThat(properties.global()).isEqualTo(new Limit(50, Duration.ofSeconds(1)));
                });
    }

    @Test
    void aLimitWithoutPeriodStopsStartUpNamingTheProperty() {
        runner.withPropertyValues("spelling.intake.rate-limit.per-client=10")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("spelling.intake.rate-limit.per-client")
                        .hasStackTraceContaining("'10' is not a limit such as 10/1m"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RateLimitProperties.class)
    static class PropertiesConfiguration {
    }

}
