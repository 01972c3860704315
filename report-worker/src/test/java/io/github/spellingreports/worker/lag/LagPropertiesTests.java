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

    /**
     * 0s timed every sample and health check out; -5s and 25d (more milliseconds than an int holds)
     * stopped start-up with the broker client's message, which named no setting of ours.
     */
    @Test
    void requestTimeoutOutOfRangeStopsStartUpWithAClearMessage() {
        for (String timeout : new String[] { "0s", "-5s", "25d" }) {
            this.runner.withPropertyValues("spelling.worker.lag.request-timeout=" + timeout).run((context) ->
                    assertThat(context.getStartupFailure()).as(timeout).rootCause().hasMessageContaining("spelling.worker.lag")
                            .hasMessageContaining("request-timeout must be positive and at most 1h"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LagProperties.class)
    static class Enable {

    }

}
