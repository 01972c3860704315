package io.github.spellingreports.worker.pagecheck;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The page check's settings: bad values stop start-up; the allow-list decides which pages are fetched. */
class PageCheckPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Test
    void onByDefaultButNoOriginIsAllowed() {
        this.runner.run((context) -> {
            PageCheckProperties properties = context.getBean(PageCheckProperties.class);
            assertThat(properties.verifyPages()).isTrue();
            assertThat(properties.verifyAllowedOrigins()).isEmpty();
            assertThat(properties.allows("https://news.example/a")).isFalse();
        });
    }

    @Test
    void onlyPagesOfAllowedOriginsAreFetched() {
        this.runner.withPropertyValues("spelling.digest.verify-allowed-origins=https://news.example, http://127.0.0.1:8099")
                .run((context) -> {
                    PageCheckProperties properties = context.getBean(PageCheckProperties.class);
                    assertThat(properties.allows("https://news.example/2026/a.html")).isTrue();
                    assertThat(properties.allows("http://127.0.0.1:8099/page")).isTrue();
                    assertThat(properties.allows("http://news.example/2026/a.html")).isFalse();
                    assertThat(properties.allows("https://news.example.evil/a")).isFalse();
                    assertThat(properties.allows("not a url")).isFalse();
                });
    }

    @Test
    void originWithAPathStopsStartUp() {
        this.runner.withPropertyValues("spelling.digest.verify-allowed-origins=https://news.example/section").run((context) ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("verify-allowed-origins must be origins"));
    }

    @Test
    void zeroTimeoutStopsStartUp() {
        this.runner.withPropertyValues("spelling.digest.verify-timeout=0s").run((context) ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("verify-timeout must be positive"));
    }

    @Test
    void pageSizeLimitOfNothingStopsStartUp() {
        // 0B had turned the check off without a word: every page "larger than 0B, left as it is"
        for (String size : new String[] { "0B", "-1B", "1GB" }) {
            this.runner.withPropertyValues("spelling.digest.verify-max-page-size=" + size).run((context) ->
                    assertThat(context).getFailure().rootCause().hasMessageContaining("verify-max-page-size must be 1KB to 100MB"));
        }
    }

    @Test
    void zeroConcurrencyStopsStartUp() {
        this.runner.withPropertyValues("spelling.digest.verify-concurrency=0").run((context) ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("verifyConcurrency"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PageCheckProperties.class)
    static class Config {

    }

}
