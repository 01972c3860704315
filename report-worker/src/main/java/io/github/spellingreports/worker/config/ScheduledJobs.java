package io.github.spellingreports.worker.config;

import java.time.ZoneId;

import org.slf4j.Logger;

import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;

/**
 * What the worker's scheduled jobs share: a cron read in an explicit time zone, and a failed run
 * logged by the job's own logger with what it was doing, rather than thrown to the scheduler; the
 * job's next run picks up what the failed one left.
 */
public final class ScheduledJobs {

    private ScheduledJobs() {
    }

    /**
     * Adds {@code job} on {@code cron} read in {@code zone}; a failed run is logged as by
     * {@link #run(Logger, Runnable, String, Object...)}.
     */
    public static void addCron(ScheduledTaskRegistrar registrar, String cron, ZoneId zone, Logger log, String failure,
            Runnable job) {
        registrar.addCronTask(new CronTask(() -> run(log, job, failure), new CronTrigger(cron, zone)));
    }

    /**
     * Runs {@code job}; a {@link RuntimeException} is logged at error level with its stack trace,
     * as {@code log.error(failure, arguments..., exception)}, and not rethrown.
     */
    public static void run(Logger log, Runnable job, String failure, Object... arguments) {
        try {
            job.run();
        }
        catch (RuntimeException ex) {
            Object[] withException = new Object[arguments.length + 1];
            System.arraycopy(arguments, 0, withException, 0, arguments.length);
            withException[arguments.length] = ex;
            log.error(failure, withException);
        }
    }

}
