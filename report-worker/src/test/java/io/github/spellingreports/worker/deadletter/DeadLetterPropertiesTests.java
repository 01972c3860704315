package io.github.spellingreports.worker.deadletter;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad {@code spelling.worker.dead-letters.*} values stop the worker at start-up with a message naming the setting. */
class DeadLetterPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Enable.class);

    @Test
    void defaultsApply() {
        this.runner.run((context) -> {
            DeadLetterProperties properties = context.getBean(DeadLetterProperties.class);
            assertThat(properties.maxPayload().toKilobytes()).isEqualTo(4);
            assertThat(properties.readTimeout()).hasSeconds(5);
        });
    }

    /** -1B answered every GET /api/v1/dead-letters with a 500. */
    @Test
    void maxPayloadOutOfRangeStopsStartUp() {
        for (String size : new String[] { "-1B", "0B", "2MB" }) {
            this.runner.withPropertyValues("spelling.worker.dead-letters.max-payload=" + size).run((context) ->
                    assertThat(context).as(size).getFailure().rootCause().hasMessageContaining("spelling.worker.dead-letters")
                            .hasMessageContaining("max-payload must be 1B to 1MB"));
        }
    }

    @Test
    void readTimeoutThatIsNotPositiveStopsStartUp() {
        this.runner.withPropertyValues("spelling.worker.dead-letters.read-timeout=0s").run((context) ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("spelling.worker.dead-letters")
                        .hasMessageContaining("read-timeout must be positive"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DeadLetterProperties.class)
    static class Enable {

    }

}
