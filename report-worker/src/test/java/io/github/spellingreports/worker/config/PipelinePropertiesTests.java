package io.github.spellingreports.worker.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class PipelinePropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Enable.class);

    @Test
    void defaultsRetryOutagesUpToThirtySecondsApart() {
        this.runner.run((context) -> {
            PipelineProperties properties = context.getBean(PipelineProperties.class);
            assertThat(properties.partitions()).isEqualTo(3);
            assertThat(properties.retries()).isEqualTo(2);
            assertThat(properties.outageMaxInterval()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    /**
     * The worker declares the reports topic too, and whichever service starts first creates it: with
     * the broker's default replicas from a worker, the intake's topic-replicas had no effect.
     */
    @Test
    void topicsAreCreatedWithTheReplicasGivenOrTheBrokersDefault() {
        KafkaConfiguration kafka = new KafkaConfiguration();
        this.runner.run((context) -> {
            PipelineProperties properties = context.getBean(PipelineProperties.class);
            assertThat(properties.replicas()).isNull();
            assertThat(kafka.reportsTopic(properties).replicationFactor()).isEqualTo((short) -1);
            assertThat(kafka.reportsTopic(properties).configs()).isNullOrEmpty();
        });
        this.runner.withPropertyValues("spelling.worker.pipeline.replicas=3").run((context) -> {
            PipelineProperties properties = context.getBean(PipelineProperties.class);
            assertThat(kafka.reportsTopic(properties).replicationFactor()).isEqualTo((short) 3);
            assertThat(kafka.deadLettersTopic(properties).replicationFactor()).isEqualTo((short) 3);
            assertThat(kafka.deadLettersTopic(properties).numPartitions()).isEqualTo(3);
            // a month to mend a cause and replay, not Kafka's week
            assertThat(kafka.deadLettersTopic(properties).configs()).containsEntry("retention.ms", "2592000000");
            // acknowledged (acks=all) once two brokers have it, not the leader alone
            assertThat(kafka.reportsTopic(properties).configs()).containsEntry("min.insync.replicas", "2");
            assertThat(kafka.deadLettersTopic(properties).configs()).containsEntry("min.insync.replicas", "2");
        });
        this.runner.withPropertyValues("spelling.worker.pipeline.replicas=0").run((context) ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("replicas"));
    }

    @Test
    void zeroPartitionsStopStartUpWithAClearMessage() {
        this.runner.withPropertyValues("spelling.worker.pipeline.partitions=0").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("spelling.worker.pipeline")
                    .hasMessageContaining("partitions");
        });
    }

    /** 0s retried a failing record in a tight loop; a negative pause dead-lettered it at once (the back-off's STOP). */
    @Test
    void retryIntervalThatIsNotPositiveStopsStartUp() {
        assertStartUpFailsWith("spelling.worker.pipeline.retry-interval=0s", "retry-interval must be positive");
        assertStartUpFailsWith("spelling.worker.pipeline.retry-interval=-1ms", "retry-interval must be positive");
    }

    @Test
    void outageInitialIntervalThatIsNotPositiveStopsStartUp() {
        assertStartUpFailsWith("spelling.worker.pipeline.outage-initial-interval=0s",
                "outage-initial-interval must be positive");
    }

    @Test
    void outageMaxIntervalShorterThanTheInitialOneStopsStartUp() {
        assertStartUpFailsWith("spelling.worker.pipeline.outage-max-interval=-1ms",
                "outage-max-interval must not be shorter than outage-initial-interval");
    }

    private void assertStartUpFailsWith(String property, String message) {
        this.runner.withPropertyValues(property).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("spelling.worker.pipeline")
                    .hasMessageContaining(message);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PipelineProperties.class)
    static class Enable {

    }

}
