package io.github.spellingreports.intake.config;

import java.time.Duration;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Stops start-up when the timeouts around {@code spelling.intake.publish-timeout} contradict it: the
 * servlet container's limit of an asynchronous request ({@code spring.mvc.async.request-timeout})
 * must be longer, or the container answers first, a 503 without {@code Retry-After} and uncounted;
 * the producer's wait for metadata inside {@code send()} ({@code max.block.ms}) must be shorter, or a
 * dead broker holds the request past it.
 */
@Component
class TimeoutSettingsCheck implements InitializingBean {

    static final String REQUEST_TIMEOUT = "spring.mvc.async.request-timeout";

    static final String MAX_BLOCK = "spring.kafka.producer.properties.max.block.ms";

    private final IntakeProperties properties;

    private final Environment environment;

    TimeoutSettingsCheck(IntakeProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        Duration publish = this.properties.publishTimeout();
        // bound as Boot binds its own settings ("10s", SPRING_MVC_ASYNC_REQUEST_TIMEOUT)
        Binder settings = Binder.get(this.environment);
        Duration request = settings.bind(REQUEST_TIMEOUT, Duration.class).orElse(null);
        if (request != null && !request.isNegative() && !request.isZero() && request.compareTo(publish) <= 0) {
            throw new IllegalStateException(REQUEST_TIMEOUT + " (" + request + ") must be longer than "
                    + "spelling.intake.publish-timeout (" + publish + "): the container would answer first, "
                    + "with a 503 that has no Retry-After");
        }
        Long maxBlock = settings.bind(MAX_BLOCK, Long.class).orElse(null);
        if (maxBlock != null && Duration.ofMillis(maxBlock).compareTo(publish) >= 0) {
            throw new IllegalStateException(MAX_BLOCK + " (" + maxBlock + ") must be "
                    + "shorter than spelling.intake.publish-timeout (" + publish + "): a dead broker would hold "
                    + "a request past it");
        }
    }

}
