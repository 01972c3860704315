package io.github.spellingreports.worker.lag;

import java.time.Duration;

import io.github.spellingreports.worker.config.FixedDelayThread;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Samples lag every {@code spelling.worker.lag.interval} while {@code spelling.worker.lag.enabled},
 * and reads the digest gauges from the database as often, each on a thread of its own (see
 * {@link FixedDelayThread}).
 */
@Configuration(proxyBeanMethods = false)
class LagSampling {

    /** Off with the sampling: the API samples on demand. */
    @Bean
    @ConditionalOnBooleanProperty(name = "spelling.worker.lag.enabled", matchIfMissing = true)
    FixedDelayThread lagSamples(LagMonitor monitor, LagProperties properties) {
        return new FixedDelayThread("lag-samples", monitor::sampleQuietly, Duration.ZERO, properties.interval());
    }

    @Bean
    FixedDelayThread digestGaugeReads(DigestGauges gauges, UnhandledDeadLetters deadLetters, LagProperties properties) {
        return new FixedDelayThread("digest-gauges", () -> {
            gauges.refresh();
            deadLetters.refresh();
        }, Duration.ZERO, properties.interval());
    }

}
