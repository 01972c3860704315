package io.github.spellingreports.worker.digest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.spellingreports.worker.config.ScheduledJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;

/**
 * The digest's schedules: the daily build on {@code spelling.digest.cron} (when enabled) and the
 * resend poll every {@code spelling.digest.retry-interval}.
 * <p>
 * Every worker's cron fires; the slot each run competes for is the time it was scheduled for
 * (not when its thread got round to it), truncated to the minute, so all workers name the same
 * slot and only one builds.
 */
@Configuration(proxyBeanMethods = false)
class DigestScheduling implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DigestScheduling.class);

    private final DigestService service;

    private final DigestSender sender;

    private final DigestProperties properties;

    DigestScheduling(DigestService service, DigestSender sender, DigestProperties properties) {
        this.service = service;
        this.sender = sender;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (this.properties.enabled()) {
            FireTimeTrigger trigger = new FireTimeTrigger(new CronTrigger(this.properties.cron(), this.properties.zone()));
            registrar.addTriggerTask(() -> buildScheduled(trigger.scheduledFor()), trigger);
            log.info("Digest scheduled at '{}' ({}) for {}", this.properties.cron(), this.properties.zone(),
                    this.properties.recipients());
        }
        registrar.addFixedDelayTask(() -> ScheduledJobs.run(log, this.sender::sendDue, "Digest resend poll failed"),
                this.properties.retryInterval());
    }

    private void buildScheduled(Instant scheduledFor) {
        // after a failure the next fire or a manual build picks the reports up: nothing is marked digested
        ScheduledJobs.run(log, () -> this.service.buildAndSendAll(scheduledFor.truncatedTo(ChronoUnit.MINUTES)),
                "Scheduled digest for {} failed", scheduledFor);
    }

    /** Remembers the time it scheduled the current run for, which the run reads as its slot. */
    static final class FireTimeTrigger implements Trigger {

        private final Trigger delegate;

        private final AtomicReference<Instant> next = new AtomicReference<>();

        FireTimeTrigger(Trigger delegate) {
            this.delegate = delegate;
        }

        @Override
        public Instant nextExecution(TriggerContext context) {
            Instant instant = this.delegate.nextExecution(context);
            this.next.set(instant);
            return instant;
        }

        Instant scheduledFor() {
            Instant instant = this.next.get();
            return (instant != null) ? instant : Instant.now();
        }

    }

}
