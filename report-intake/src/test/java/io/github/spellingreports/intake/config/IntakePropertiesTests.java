package io.github.spellingreports.intake.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class IntakePropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void defaultsApplyWhenOnlyTheOriginsAreSet() {
        runner.withPropertyValues("spelling.intake.allowed-origins=https://news.example,http://localhost:8080")
                .run(context -> {
                    IntakeProperties properties = context.getBean(IntakeProperties.class);
                    assertThat(properties.allowedOrigins()).containsExactly("https://news.example", "http://localhost:8080");
                    assertThat(properties.publishTimeout()).isEqualTo(Duration.ofSeconds(4));
                    assertThat(properties.retryAfter()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(properties.publishConcurrency()).isEqualTo(20);
                    assertThat(properties.maxRequestSize()).isEqualTo(DataSize.ofKilobytes(16));
                    assertThat(properties.topicPartitions()).isEqualTo(3);
                    assertThat(properties.topicReplicas()).isNull();
                    assertThat(properties.clientHashSalt()).isEmpty();
                });
    }

    @Test
    void anOriginWithAPathStopsStartUpNamingTheProperty() {
        runner.withPropertyValues("spelling.intake.allowed-origins=https://news.example/articles")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("spelling.intake")
                        .hasMessageContaining("allowedOrigins[0]")
                        .hasMessageContaining("must be an origin such as https://news.example"));
    }

    @Test
    void anOriginNotInItsCanonicalFormStopsStartUpSayingHowToWriteIt() {
        runner.withPropertyValues("spelling.intake.allowed-origins=HTTPS://News.example:443/")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("allowedOrigins[0]")
                        .hasMessageContaining("write it as https://news.example"));
    }

    /** A site on пример.рф or жаңалықтар.қаз: browsers send its host in ASCII (IDNA), and so must the allow-list. */
    @Test
    void anOriginWithAHostInUnicodeStopsStartUpGivingItsAsciiForm() {
        runner.withPropertyValues("spelling.intake.allowed-origins=https://пример.рф")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("allowedOrigins[0]")
                        .hasMessageContaining("write it as https://xn--e1afmkfd.xn--p1ai"));
    }

    @Test
    void missingOriginsStopStartUp() {
        runner.run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("spelling.intake")
                .hasMessageContaining("allowedOrigins"));
    }

    @Test
    void zeroPublishTimeoutStopsStartUp() {
        runner.withPropertyValues("spelling.intake.allowed-origins=https://news.example",
                "spelling.intake.publish-timeout=0s")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("publishTimeout"));
    }

    /** 0 or -1 answered every report 413 ("larger than -1 bytes"); 3GB stopped start-up with an integer overflow. */
    @Test
    void aMaxRequestSizeOutsideOneKilobyteToOneMegabyteStopsStartUp() {
        for (String size : new String[] { "-1B", "0B", "3GB" }) {
            runner.withPropertyValues("spelling.intake.allowed-origins=https://news.example",
                    "spelling.intake.max-request-size=" + size)
                    .run(context -> assertThat(context).getFailure().rootCause()
                            .hasMessageContaining("maxRequestSize must be 1KB to 1MB"));
        }
        runner.withPropertyValues("spelling.intake.allowed-origins=https://news.example",
                "spelling.intake.max-request-size=64KB").run(context -> assertThat(context).hasNotFailed());
    }

    /** The timeouts around the publish timeout: each in its place, or a dead broker's answers are not the intake's. */
    @Test
    void timeoutsThatContradictThePublishTimeoutStopStartUpNamingBoth() {
        ApplicationContextRunner checked = runner.withUserConfiguration(TimeoutSettingsCheck.class)
                .withPropertyValues("spelling.intake.allowed-origins=https://news.example");
        checked.withPropertyValues("spelling.intake.publish-timeout=12s", "spring.mvc.async.request-timeout=10s")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("spring.mvc.async.request-timeout (PT10S) must be longer than "
                                + "spelling.intake.publish-timeout (PT12S)"));
        checked.withPropertyValues("spelling.intake.publish-timeout=1s", "spring.kafka.producer.properties.max.block.ms=3000")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("max.block.ms (3000) must be shorter than spelling.intake.publish-timeout (PT1S)"));
        checked.withPropertyValues("spring.mvc.async.request-timeout=10s", "spring.kafka.producer.properties.max.block.ms=3000")
                .run(context -> assertThat(context).hasNotFailed());
    }

    /** As many threads let into send() as the container has would let a broker outage take them all. */
    @Test
    void aPublishConcurrencyNotBelowTheRequestThreadsStopsStartUp() {
        ApplicationContextRunner checked = runner.withUserConfiguration(TimeoutSettingsCheck.class)
                .withPropertyValues("spelling.intake.allowed-origins=https://news.example");
        checked.withPropertyValues("server.tomcat.threads.max=20").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("spelling.intake.publish-concurrency (20) must be lower than "
                        + "server.tomcat.threads.max (20)"));
        checked.withPropertyValues("spelling.intake.publish-concurrency=200").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("spelling.intake.publish-concurrency (200) must be lower "
                        + "than server.tomcat.threads.max (200)"));
        checked.withPropertyValues("spelling.intake.publish-concurrency=0").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("publishConcurrency"));
        checked.withPropertyValues("server.tomcat.threads.max=50").run(context -> assertThat(context).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IntakeProperties.class)
    static class PropertiesConfiguration {
    }

}
