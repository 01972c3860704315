package io.github.spellingreports.worker.deadletter;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the dead-letter API reads {@code spelling-reports.DLT} ({@code spelling.worker.dead-letters.*}).
 *
 * @param maxPerPartition newest records per partition the list looks at (older ones are not listed)
 * @param maxPayload payload shown per record; longer ones are cut (replay always sends the whole value)
 * @param readTimeout longest wait for the broker while reading or replaying
 */
@Validated
@ConfigurationProperties("spelling.worker.dead-letters")
record DeadLetterProperties(
        @Min(1) @Max(10000) @DefaultValue("200") int maxPerPartition,
        @NotNull @DefaultValue("4KB") DataSize maxPayload,
        @NotNull @DefaultValue("5s") Duration readTimeout) {
}
