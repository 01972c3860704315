package io.github.spellingreports.worker.config;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker consumes reports ({@code spelling.worker.pipeline.*}); the Kafka client itself is
 * configured under {@code spring.kafka.*}.
 *
 * @param partitions partitions of the reports topic and of its dead-letter topic when the worker creates them
 * @param retries retries of a record that failed for an unexpected reason before it is dead-lettered
 * @param retryInterval pause before each of those retries (positive)
 * @param outageInitialInterval first pause while the database is unavailable; doubles on each attempt (positive)
 * @param outageMaxInterval longest pause while the database is unavailable (retried without limit); not
 *        shorter than {@code outageInitialInterval}
 * @param replicas replicas of the reports topic and of its dead-letter topic when the worker creates them;
 *        empty for the broker's default. Whichever service starts first creates the reports topic, so
 *        set it as {@code spelling.intake.topic-replicas} is set
 */
@Validated
@ConfigurationProperties("spelling.worker.pipeline")
record PipelineProperties(
        @Min(1) @DefaultValue("3") int partitions,
        @Min(0) @DefaultValue("2") int retries,
        @NotNull @DefaultValue("1s") Duration retryInterval,
        @NotNull @DefaultValue("1s") Duration outageInitialInterval,
        @NotNull @DefaultValue("30s") Duration outageMaxInterval,
        @Min(1) @Max(Short.MAX_VALUE) Integer replicas) {

    /** 0s retried a failing record in a tight loop; a negative pause stopped the back-off, dead-lettering it at once. */
    @AssertTrue(message = "retry-interval must be positive")
    public boolean isRetryIntervalValid() {
        return this.retryInterval == null || positive(this.retryInterval);
    }

    @AssertTrue(message = "outage-initial-interval must be positive")
    public boolean isOutageInitialIntervalValid() {
        return this.outageInitialInterval == null || positive(this.outageInitialInterval);
    }

    @AssertTrue(message = "outage-max-interval must not be shorter than outage-initial-interval")
    public boolean isOutageMaxIntervalValid() {
        return this.outageInitialInterval == null || this.outageMaxInterval == null
                || this.outageMaxInterval.compareTo(this.outageInitialInterval) >= 0;
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

}
