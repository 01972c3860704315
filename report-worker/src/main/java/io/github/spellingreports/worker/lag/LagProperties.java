package io.github.spellingreports.worker.lag;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker watches its consumer group's lag from the broker side ({@code spelling.worker.lag.*}).
 *
 * @param enabled whether lag is sampled on a schedule (the API samples on demand either way)
 * @param interval time between two samples
 * @param window samples per partition the status rules look at (the sliding window)
 * @param tolerance lag in records that still counts as caught up (never WARN, STALL or STOP)
 * @param group consumer group to watch; empty for the worker's own {@code spring.kafka.consumer.group-id}
 * @param requestTimeout longest wait for one broker request of a sample (positive, at most an hour)
 */
@Validated
@ConfigurationProperties("spelling.worker.lag")
public record LagProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("15s") Duration interval,
        @Min(2) @Max(1000) @DefaultValue("10") int window,
        @Min(0) @DefaultValue("0") long tolerance,
        @DefaultValue("") String group,
        @NotNull @DefaultValue("5s") Duration requestTimeout) {

    @AssertTrue(message = "interval must be positive")
    public boolean isIntervalPositive() {
        return this.interval == null || (!this.interval.isNegative() && !this.interval.isZero());
    }

    /** The broker client takes it in int milliseconds; 0 timed every sample and health check out. */
    @AssertTrue(message = "request-timeout must be positive and at most 1h")
    public boolean isRequestTimeoutValid() {
        return this.requestTimeout == null || (!this.requestTimeout.isNegative() && !this.requestTimeout.isZero()
                && this.requestTimeout.compareTo(Duration.ofHours(1)) <= 0);
    }

    /** @return how long the window spans: a committed offset unchanged for longer is a stop */
    Duration windowSpan() {
        return this.interval.multipliedBy(this.window);
    }

}
