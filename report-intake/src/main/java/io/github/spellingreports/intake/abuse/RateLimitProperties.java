package io.github.spellingreports.intake.abuse;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits of {@code POST /api/v1/reports} ({@code spelling.intake.rate-limit.*}). The defaults
 * are far above what a reader sends; they stop scripts, not people.
 *
 * @param enabled whether reports are rate-limited at all; turn off for load tests and migrations
 * @param perClient limits per reader (by address hash), each {@code requests/period}, all of which must allow a request
 * @param global ceiling for all readers together, protecting Kafka and the worker from floods from many addresses
 * @param maxClients readers tracked at most; beyond it the longest-idle reader is forgotten, bounding memory
 */
@Validated
@ConfigurationProperties("spelling.intake.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @NotEmpty @DefaultValue({ "10/1m", "60/1h", "200/1d" }) List<@NotNull Limit> perClient,
        @NotNull @DefaultValue("500/1s") Limit global,
        @Min(1) @Max(10_000_000) @DefaultValue("50000") int maxClients) {
}
