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
 * dead broker holds the request past it. And {@code spelling.intake.publish-concurrency}, the request
 * threads let wait in {@code send()}, must be lower than the container's ({@code server.tomcat.threads.max},
 * 200 by default), or a broker outage under load takes them all.
 */
@Component
class TimeoutSettingsCheck implements InitializingBean {

    static final String REQUEST_TIMEOUT = "spring.mvc.async.request-timeout";

    static final String MAX_BLOCK = "spring.kafka.producer.properties.max.block.ms";

    static final String REQUEST_THREADS = "server.tomcat.threads.max";

    /** Tomcat's default of {@link #REQUEST_THREADS}. */
    private static final int DEFAULT_REQUEST_THREADS = 200;

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
        int threads = settings.bind(REQUEST_THREADS, Integer.class).orElse(DEFAULT_REQUEST_THREADS);
        if (this.properties.publishConcurrency() >= threads) {
            throw new IllegalStateException("spelling.intake.publish-concurrency (" + this.properties.publishConcurrency()
                    + ") must be lower than " + REQUEST_THREADS + " (" + threads + "): while the broker is away, every "
                    + "request thread could wait in the producer's send() and the widget and health checks go unserved");
        }
    }

}
