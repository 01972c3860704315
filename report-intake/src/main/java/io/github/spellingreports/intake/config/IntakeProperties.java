package io.github.spellingreports.intake.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the intake ({@code spelling.intake.*}).
 *
 * @param allowedOrigins origins ({@code scheme://host[:port]}) whose pages may send reports; also the CORS allow-list
 * @param publishTimeout how long a request waits for the broker to acknowledge a report before answering 503
 * @param retryAfter the {@code Retry-After} a client is given when the broker did not acknowledge in time
 * @param publishConcurrency request threads that may be in the producer's {@code send()} at once (it blocks up to
 *        {@code max.block.ms} while the broker is away); a report beyond it waits at most a quarter of a second for a
 *        place and is then answered 503, so that the other request threads keep serving the widget and the health checks
 * @param clientHashSalt secret salt of the reader's address hash; set it to keep hashes stable across restarts and instances
 * @param maxRequestSize largest accepted request body; larger bodies get 413
 * @param topicPartitions partitions of the reports topic when the intake creates it
 * @param topicReplicas replicas of the reports topic when the intake creates it; empty for the broker's default
 * @param trustedProxies reverse proxies (IPs or CIDR blocks) whose {@code X-Forwarded-For} names the reader; empty: the socket address is the reader
 */
@Validated
@ConfigurationProperties("spelling.intake")
public record IntakeProperties(
        @NotEmpty List<@Origin String> allowedOrigins,
        @NotNull @DurationMin(millis = 1) @DefaultValue("4s") Duration publishTimeout,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("5s") Duration retryAfter,
        @Min(1) @DefaultValue("20") int publishConcurrency,
        @DefaultValue("") String clientHashSalt,
        @NotNull @DefaultValue("16KB") DataSize maxRequestSize,
        @Min(1) @DefaultValue("3") int topicPartitions,
        @Min(1) @Max(Short.MAX_VALUE) Integer topicReplicas,
        @NotNull @DefaultValue List<@NotNull AddressRange> trustedProxies) {

    @AssertTrue(message = "maxRequestSize must be 1KB to 1MB (a report is a few KB)")
    public boolean isMaxRequestSizeInRange() {
        return this.maxRequestSize == null || (this.maxRequestSize.toBytes() >= 1024
                && this.maxRequestSize.toBytes() <= 1024 * 1024);
    }

}
