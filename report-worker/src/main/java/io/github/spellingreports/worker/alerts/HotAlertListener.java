package io.github.spellingreports.worker.alerts;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.spellingreports.worker.queue.PollStored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Hands each stored poll's errors, once its transaction committed, to a small bounded executor that
 * checks them for hot errors (all at once) and sends their alerts: the consumer thread never waits
 * for SMTP or a webhook, and never fails because of them. When the queue is full the poll's errors
 * are skipped here and the alert poll ({@link AlertScheduling}) finds the hot ones instead.
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
    void pollStored(PollStored event) {
        if (!this.properties.enabled()) {
            return;
        }
        // an error alerted already (or not open) is skipped here: a popular error would otherwise be
        // counted again on the database, per poll, for as long as it is reported
        List<HotAlertRepository.Candidate> candidates = event.errors().stream()
                .filter((error) -> error.alertable() && error.reportCount() >= this.properties.hotThreshold())
                .map((error) -> new HotAlertRepository.Candidate(error.errorId(), error.receivedAt()))
                .toList();
        if (candidates.isEmpty()) {
            return;
        }
        try {
            this.executor.execute(() -> checkAndDeliver(candidates));
        }
        catch (RejectedExecutionException ex) {
            log.warn("Hot-typo check of {} errors deferred to the next poll: alert queue full", candidates.size());
        }
    }

    /** One check for all of a poll's candidates, then the first delivery of each new alert. */
    private void checkAndDeliver(List<HotAlertRepository.Candidate> candidates) {
        try {
            this.delivery.deliver(this.alerts.check(candidates));
        }
        catch (RuntimeException ex) {
            // the poll sweeps for hot errors without an alert and retries due deliveries
            log.warn("Hot-typo check of {} errors failed, the poll retries: {}", candidates.size(), ex.toString());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        this.executor.shutdown();
        this.executor.awaitTermination(10, TimeUnit.SECONDS);
    }

}
