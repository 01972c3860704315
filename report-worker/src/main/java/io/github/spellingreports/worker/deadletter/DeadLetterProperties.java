package io.github.spellingreports.worker.deadletter;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
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
 * @param maxPerPartition newest unhandled letters listed per partition (older ones are counted, and replayed by replay-all)
 * @param maxPayload payload shown per record, 1B to 1MB; longer ones are cut (replay always sends the whole value)
 * @param readTimeout longest wait for the broker while reading or replaying (positive)
 */
@Validated
@ConfigurationProperties("spelling.worker.dead-letters")
record DeadLetterProperties(
        @Min(1) @Max(10000) @DefaultValue("200") int maxPerPartition,
        @NotNull @DefaultValue("4KB") DataSize maxPayload,
        @NotNull @DefaultValue("5s") Duration readTimeout) {

    /** -1B answered every list of dead letters with a 500; a broker's records are 1MB at most by default. */
    @AssertTrue(message = "max-payload must be 1B to 1MB")
    public boolean isMaxPayloadValid() {
        return this.maxPayload == null
                || (this.maxPayload.toBytes() >= 1 && this.maxPayload.compareTo(DataSize.ofMegabytes(1)) <= 0);
    }

    @AssertTrue(message = "read-timeout must be positive")
    public boolean isReadTimeoutValid() {
        return this.readTimeout == null || (!this.readTimeout.isNegative() && !this.readTimeout.isZero());
    }

}
