package io.github.spellingreports.worker.lag;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Samples lag every {@code spelling.worker.lag.interval} while {@code spelling.worker.lag.enabled}.
 */
@Configuration(proxyBeanMethods = false)
class LagSampling implements SchedulingConfigurer {

    private final LagMonitor monitor;

    private final LagProperties properties;

    LagSampling(LagMonitor monitor, LagProperties properties) {
        this.monitor = monitor;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (this.properties.enabled()) {
            registrar.addFixedDelayTask(this.monitor::sampleQuietly, this.properties.interval());
        }
    }

}
