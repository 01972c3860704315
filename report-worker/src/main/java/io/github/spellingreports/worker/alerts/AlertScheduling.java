package io.github.spellingreports.worker.alerts;

import io.github.spellingreports.worker.config.FixedDelayThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The safety net of hot-typo alerts: every {@code spelling.alerts.retry-interval} it alerts hot errors
 * whose event was missed (full queue, crash after commit) and retries failed deliveries, on a thread
 * of its own: on the scheduler the worker's other jobs share, a slow mail server or webhook held the
 * digest and the retention job up (and the digest's SMTP the alerts).
 */
@Component
class AlertScheduling implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertScheduling.class);

    private final HotAlerts alerts;

    private final AlertDelivery delivery;

    private final AlertProperties properties;

    private final FixedDelayThread thread;

    AlertScheduling(HotAlerts alerts, AlertDelivery delivery, AlertProperties properties) {
        this.alerts = alerts;
        this.delivery = delivery;
        this.properties = properties;
        this.thread = new FixedDelayThread("alert-poll", this::poll, properties.retryInterval(),
                properties.retryInterval());
    }

    void poll() {
        if (!this.properties.enabled()) {
            return;
        }
        try {
            this.delivery.deliver(this.alerts.sweep());
            this.delivery.sendDue();
        }
        catch (RuntimeException ex) {
            log.warn("Hot-typo alert poll failed, next one in {}: {}", this.properties.retryInterval(), ex.toString());
        }
    }

    @Override
    public void start() {
        this.thread.start();
    }

    @Override
    public void stop() {
        this.thread.stop();
    }

    @Override
    public boolean isRunning() {
        return this.thread.isRunning();
    }

}
