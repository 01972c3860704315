package io.github.spellingreports.worker.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The safety net of hot-typo alerts: every {@code spelling.alerts.retry-interval} it alerts hot errors
 * whose event was missed (full queue, crash after commit) and retries failed deliveries.
 */
@Component
class AlertScheduling {

    private static final Logger log = LoggerFactory.getLogger(AlertScheduling.class);

    private final HotAlerts alerts;

    private final AlertDelivery delivery;

    private final AlertProperties properties;

    AlertScheduling(HotAlerts alerts, AlertDelivery delivery, AlertProperties properties) {
        this.alerts = alerts;
        this.delivery = delivery;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${spelling.alerts.retry-interval:30s}", initialDelayString = "${spelling.alerts.retry-interval:30s}")
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

}
