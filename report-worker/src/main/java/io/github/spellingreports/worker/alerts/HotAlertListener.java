package io.github.spellingreports.worker.alerts;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.spellingreports.worker.queue.ReportStored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Hands each stored report, once its transaction committed, to a small bounded executor that checks
 * for a hot error and sends its alert: the consumer thread never waits for SMTP or a webhook, and
 * never fails because of them. When the queue is full the report is skipped here and the poll
 * ({@link AlertScheduling}) finds the hot error instead.
 * <p>
 * The executor is not a bean on purpose: a {@code TaskExecutor} bean would replace Boot's
 * application task executor.
 */
@Component
class HotAlertListener implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HotAlertListener.class);

    private final HotAlerts alerts;

    private final AlertDelivery delivery;

    private final AlertProperties properties;

    private final ThreadPoolExecutor executor;

    HotAlertListener(HotAlerts alerts, AlertDelivery delivery, AlertProperties properties) {
        this.alerts = alerts;
        this.delivery = delivery;
        this.properties = properties;
        this.executor = new ThreadPoolExecutor(properties.threads(), properties.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.queueCapacity()), new CustomizableThreadFactory("hot-alert-"),
                new ThreadPoolExecutor.AbortPolicy());
    }

    @TransactionalEventListener
    void reportStored(ReportStored event) {
        // an error alerted already (or not open) is skipped here: a popular error would otherwise cost
        // a check, a transaction and a query on the database, per poll, for as long as it is reported
        if (!this.properties.enabled() || !event.alertable() || event.reportCount() < this.properties.hotThreshold()) {
            return;
        }
        try {
            this.executor.execute(() -> checkAndDeliver(event));
        }
        catch (RejectedExecutionException ex) {
            log.warn("Hot-typo check of error {} deferred to the next poll: alert queue full", event.errorId());
        }
    }

    private void checkAndDeliver(ReportStored event) {
        try {
            this.alerts.check(event.errorId(), event.receivedAt()).ifPresent(this.delivery::deliver);
        }
        catch (RuntimeException ex) {
            // the poll sweeps for hot errors without an alert and retries due deliveries
            log.warn("Hot-typo check of error {} failed, the poll retries: {}", event.errorId(), ex.toString());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        this.executor.shutdown();
        this.executor.awaitTermination(10, TimeUnit.SECONDS);
    }

}
