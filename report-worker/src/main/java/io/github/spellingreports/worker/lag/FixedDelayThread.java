package io.github.spellingreports.worker.lag;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * One task, run at once and then with a fixed delay, on a thread of its own from the context's start
 * to its stop. For the monitoring: on the scheduler the worker's jobs share (one thread), a long
 * retention run or digest build held the lag samples up, and the sample age then said the broker did
 * not answer; and a read that waits for an absent database must not hold the lag samples up either.
 */
final class FixedDelayThread implements SmartLifecycle {

    private final String name;

    private final Runnable task;

    private final Duration delay;

    private ThreadPoolTaskScheduler scheduler;

    /**
     * @param name the thread's name
     * @param task what it runs; it handles its own failures (one it throws ends the runs)
     * @param delay from the end of one run to the start of the next
     */
    FixedDelayThread(String name, Runnable task, Duration delay) {
        this.name = name;
        this.task = task;
        this.delay = delay;
    }

    @Override
    public void start() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix(this.name + "-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this.task, this.delay);
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
