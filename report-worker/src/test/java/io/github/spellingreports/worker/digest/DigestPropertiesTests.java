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
    void sizeBoundDefaultsApply() {
        this.runner.run((context) -> assertThat(context.getBean(DigestSizeProperties.class))
                .isEqualTo(new DigestSizeProperties(100, 20, 5)));
    }

    @Test
    void noErrorInFullStopsStartUp() {
        this.runner.withPropertyValues("spelling.digest.max-errors-in-full=0").run((context) ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("spelling.digest")
                        .hasMessageContaining("maxErrorsInFull").hasMessageContaining("greater than or equal to 1"));
    }

    @Test
    void aSubjectChoiceOfOneFormStopsStartUp() {
        this.runner.withPropertyValues("spelling.digest.subject={date}: {errors} {errors:error}").run((context) ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("spelling.digest")
                        .hasMessageContaining("a choice must be {errors:one|other}"));
    }

    /** Pages are stored as browsers send their addresses: a prefix written as a person reads it matches them. */
    @Test
    void aRoutesPrefixWrittenInUnicodeOrCapitalsMatchesThePagesAsStored() {
        this.runner.withPropertyValues("spelling.digest.routes[0].name=sport",
                "spelling.digest.routes[0].url-prefix=https://Пример.РФ/спорт/",
                "spelling.digest.routes[0].recipients=sport@example.com",
                "spelling.digest.routes[1].name=world", "spelling.digest.routes[1].url-prefix=HTTPS://News.Example:443/world/",
                "spelling.digest.routes[1].recipients=world@example.com").run((context) -> {
                    DigestProperties properties = context.getBean(DigestProperties.class);
                    assertThat(properties.deskOf("https://xn--e1afmkfd.xn--p1ai/%D1%81%D0%BF%D0%BE%D1%80%D1%82/1", null))
                            .isEqualTo("sport");
                    assertThat(properties.deskOf("https://xn--e1afmkfd.xn--p1ai/%D1%81%D0%BF%D0%BE%D1%80%D1%82%D0%B8%D0%B2", null))
                            .as("the trailing slash is kept: /спорт/ is not /спортив").isEqualTo("default");
                    assertThat(properties.deskOf("https://news.example/world/asia", null)).isEqualTo("world");
                    assertThat(properties.deskOf("https://news.example/worldcup", null)).isEqualTo("default");
                });
    }

    @Test
    void routesAreBoundAndMatchByUrlPrefixAndLanguage() {
        this.runner.withPropertyValues("spelling.digest.routes[0].name=sport",
                "spelling.digest.routes[0].url-prefix=https://news.example/sport/",
                "spelling.digest.routes[0].recipients=sport@example.com",
                "spelling.digest.routes[1].name=kazakh", "spelling.digest.routes[1].lang=kk",
                "spelling.digest.routes[1].recipients=kk@example.com,kk2@example.com").run((context) -> {
                    DigestProperties properties = context.getBean(DigestProperties.class);
                    assertThat(properties.desks()).containsExactly("default", "sport", "kazakh");
                    assertThat(properties.deskOf("https://news.example/sport/match", "kk")).isEqualTo("sport");
                    assertThat(properties.deskOf("https://news.example/news", "kk-KZ")).isEqualTo("kazakh");
                    assertThat(properties.deskOf("https://news.example/news", "en")).isEqualTo("default");
                    assertThat(properties.deskOf("https://news.example/news", null)).isEqualTo("default");
                    assertThat(properties.recipientsOf("kazakh")).containsExactly("kk@example.com", "kk2@example.com");
                    assertThat(properties.recipientsOf("default")).containsExactly("editors@example.com");
                });
    }

    /** Pages are stored with their scheme: a prefix without one matched none, and its desk got nothing. */
    @Test
    void routePrefixWithoutHttpSchemeStopsStartUp() {
        this.runner.withPropertyValues("spelling.digest.routes[0].name=site", "spelling.digest.routes[0].url-prefix=news.example/",
                "spelling.digest.routes[0].recipients=site@example.com").run((context) ->
                        assertThat(context).getFailure().rootCause().hasMessageContaining("routes[0]")
                                .hasMessageContaining("url-prefix must start with http:// or https://"));
    }

    /** A console address without scheme and host made every link in the mails relative: no mail client opens them. */
    @Test
    void consoleUrlThatIsNotAnAbsoluteHttpUrlStopsStartUp() {
        this.runner.withPropertyValues("spelling.digest.console-url=desk.news.example").run((context) ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("spelling.digest")
                        .hasMessageContaining("console-url must be an absolute http or https URL"));
    }

    @Test
    void routeWithoutUrlPrefixOrLanguageStopsStartUp() {
        this.runner.withPropertyValues("spelling.digest.routes[0].name=all",
                "spelling.digest.routes[0].recipients=all@example.com").run((context) ->
                        assertThat(context).getFailure().rootCause().hasMessageContaining("routes[0]")
                                .hasMessageContaining("url-prefix, lang or both"));
    }

    @Test
    void routeNamedDefaultStopsStartUp() {
        this.runner.withPropertyValues("spelling.digest.routes[0].name=Default", "spelling.digest.routes[0].lang=en",
                "spelling.digest.routes[0].recipients=all@example.com").run((context) ->
                        assertThat(context).getFailure().rootCause().hasMessageContaining("route names must be unique"));
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
    @EnableConfigurationProperties({ DigestProperties.class, DigestSizeProperties.class })
    static class Config {

    }

}
