package io.github.spellingreports.worker.retention;

import java.time.Duration;

import io.github.spellingreports.worker.config.ScheduledJobs;
import io.github.spellingreports.worker.digest.DigestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the retention job on {@code spelling.worker.retention.cron}, in the digest's time zone so
 * that operators read both schedules the same way. Every worker's cron fires; the advisory lock
 * lets one purge.
 * <p>
 * It also runs a little after every start: a worker that is never up at the cron's time (a small
 * site's machine switched off at night) still deletes what is past its time, and a worker that was
 * down for a while catches up. Deleting nothing costs a few index scans.
 */
@Configuration(proxyBeanMethods = false)
class RetentionScheduling implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RetentionScheduling.class);

    /** How long after its start a worker runs the job (after a missed digest is made up for). */
    static final Duration AFTER_START = Duration.ofMinutes(2);

    private final RetentionJob job;

    private final RetentionProperties properties;

    private final DigestProperties digest;

    RetentionScheduling(RetentionJob job, RetentionProperties properties, DigestProperties digest) {
        this.job = job;
        this.properties = properties;
        this.digest = digest;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!this.properties.enabled()) {
            log.info("Retention job disabled: reports, client hashes and resolved errors are kept indefinitely");
            return;
        }
        // after a failed run what was committed stays deleted; the next run continues from there
        ScheduledJobs.addCron(registrar, this.properties.cron(), this.digest.zone(), log, "Retention job failed",
                this.job::purge);
        registrar.addOneTimeTask(() -> ScheduledJobs.run(log, this.job::purge, "Retention job after start failed"),
                AFTER_START);
        log.info("Retention job scheduled at '{}' ({}) and {} min after start: reports {}, client hashes {}, resolved errors {}",
                this.properties.cron(), this.digest.zone(), AFTER_START.toMinutes(),
                RetentionJob.readable(this.properties.reports()),
                RetentionJob.readable(this.properties.clientHashes()), RetentionJob.readable(this.properties.resolvedErrors()));
    }

}
