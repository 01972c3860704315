package io.github.spellingreports.worker.lag;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class LagPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Enable.class);

    @Test
    void defaultsSampleEveryFifteenSecondsOverTenSamples() {
        this.runner.run((context) -> {
            LagProperties properties = context.getBean(LagProperties.class);
            assertThat(properties.interval()).isEqualTo(Duration.ofSeconds(15));
            assertThat(properties.window()).isEqualTo(10);
            assertThat(properties.windowSpan()).isEqualTo(Duration.ofSeconds(150));
        });
    }

    @Test
    void aWindowOfOneSampleStopsStartUpWithAClearMessage() {
        this.runner.withPropertyValues("spelling.worker.lag.window=1").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("spelling.worker.lag")
                    .hasMessageContaining("window");
        });
    }

    /** The samples and the digest gauges' reads run at this interval: 0 stopped start-up without naming the setting. */
    @Test
    void anIntervalOfZeroStopsStartUpWithAClearMessage() {
        this.runner.withPropertyValues("spelling.worker.lag.interval=0s").run((context) ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("spelling.worker.lag")
                        .hasMessageContaining("interval must be positive"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LagProperties.class)
    static class Enable {

    }

}
