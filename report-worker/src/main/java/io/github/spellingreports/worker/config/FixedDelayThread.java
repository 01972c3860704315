package io.github.spellingreports.worker.config;

import java.time.Duration;
import java.time.Instant;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * One task, run after an initial delay and then with a fixed delay, on a thread of its own from the
 * context's start to its stop, off the scheduler the worker's other jobs share (one thread). For the
 * monitoring: there a long retention run or digest build held the lag samples up, and the sample age
 * then said the broker did not answer; a read that waits for an absent database must not hold the lag
 * samples up either. For the alert poll: a slow mail server or webhook must not hold the digest up,
 * nor the digest's SMTP the alerts.
 */
public final class FixedDelayThread implements SmartLifecycle {

    private final String name;

    private final Runnable task;

    private final Duration initialDelay;

    private final Duration delay;

    private ThreadPoolTaskScheduler scheduler;

    /**
     * @param name the thread's name
     * @param task what it runs; it handles its own failures (one it throws ends the runs)
     * @param initialDelay from the start to the first run
     * @param delay from the end of one run to the start of the next
     */
    public FixedDelayThread(String name, Runnable task, Duration initialDelay, Duration delay) {
        this.name = name;
        this.task = task;
        this.initialDelay = initialDelay;
        this.delay = delay;
    }

    @Override
    public void start() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix(this.name + "-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this.task, Instant.now().plus(this.initialDelay), this.delay);
        this.scheduler = scheduler;
    }

    @Override
    public void stop() {
        this.scheduler.shutdown();
        this.scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return this.scheduler != null;
    }

}
