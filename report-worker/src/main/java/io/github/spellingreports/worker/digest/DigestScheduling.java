package io.github.spellingreports.worker.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.github.spellingreports.worker.config.ScheduledJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;

/**
 * The digest's schedules: the daily build on {@code spelling.digest.cron} (when enabled) and the
 * resend poll every {@code spelling.digest.retry-interval}.
 * <p>
 * Every worker's cron fires; the slot each run competes for is the time it was scheduled for
 * (not when its thread got round to it), truncated to the minute, so all workers name the same
 * slot and only one builds.
 * <p>
 * A worker that starts after a scheduled time at which no worker ran (all were down, or being
 * upgraded) builds that digest a minute after its start, once the reports the broker kept
 * meanwhile are stored: only the latest scheduled time, and only if no run for it was recorded.
 */
@Configuration(proxyBeanMethods = false)
class DigestScheduling implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DigestScheduling.class);

    /** How long after its start a worker catches up a missed digest: a backlog drains first. */
    static final Duration CATCH_UP_DELAY = Duration.ofMinutes(1);

    /** How far back the latest scheduled time is looked for, step by step (a yearly cron included). */
    private static final List<Duration> LOOK_BACK = List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(8),
            Duration.ofDays(32), Duration.ofDays(367));

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
            // the latest time before the start: a later one is this worker's own cron's
            Instant started = Instant.now();
            registrar.addOneTimeTask(() -> catchUp(started), CATCH_UP_DELAY);
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

    /**
     * Builds the digest of the latest scheduled time before {@code started} if no worker ran then.
     * @param started when this worker started
     */
    void catchUp(Instant started) {
        latestSlot(this.properties.cron(), this.properties.zone(), started).ifPresent((slot) -> ScheduledJobs.run(log,
                () -> this.service.catchUp(slot), "Catching up the digest scheduled for {} failed", slot));
    }

    /**
     * @param cron a Spring cron expression
     * @param zone the zone it is read in
     * @param now the current time
     * @return the latest time at or before {@code now} the cron fires at, truncated to the minute as
     *         the scheduled run names its slot; empty when it fired in none of the last 367 days
     */
    static Optional<Instant> latestSlot(String cron, ZoneId zone, Instant now) {
        CronExpression expression = CronExpression.parse(cron);
        ZonedDateTime end = now.atZone(zone);
        for (Duration back : LOOK_BACK) {
            ZonedDateTime fire = expression.next(end.minus(back));
            if (fire != null && !fire.isAfter(end)) {
                for (ZonedDateTime later = expression.next(fire); later != null && !later.isAfter(end);
                        later = expression.next(later)) {
                    fire = later;
                }
                return Optional.of(fire.toInstant().truncatedTo(ChronoUnit.MINUTES));
            }
        }
        return Optional.empty();
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
