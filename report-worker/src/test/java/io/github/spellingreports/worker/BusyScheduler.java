package io.github.spellingreports.worker;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.TaskScheduler;

/**
 * Holds the scheduler the worker's jobs share (one thread) with a task that waits, at most a
 * minute, until closed: as a long retention run or digest build holds it.
 */
public final class BusyScheduler implements AutoCloseable {

    private final CountDownLatch released = new CountDownLatch(1);

    private BusyScheduler() {
    }

    public static BusyScheduler occupy(TaskScheduler scheduler) {
        BusyScheduler busy = new BusyScheduler();
        scheduler.schedule(() -> {
            try {
                busy.released.await(60, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, Instant.now());
        return busy;
    }

    @Override
    public void close() {
        this.released.countDown();
    }

}
