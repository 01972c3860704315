package io.github.spellingreports.intake.widget;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class WidgetPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void widgetIsCacheableForAnHourByDefault() {
        runner.run(context -> assertThat(context.getBean(WidgetProperties.class).cacheMaxAge())
                .isEqualTo(Duration.ofHours(1)));
    }

    @Test
    void negativeCacheMaxAgeStopsStartUpNamingTheProperty() {
        runner.withPropertyValues("spelling.intake.widget.cache-max-age=-5m")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("spelling.intake.widget")
                        .hasMessageContaining("cacheMaxAge"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WidgetProperties.class)
    static class PropertiesConfiguration {

    }

}
