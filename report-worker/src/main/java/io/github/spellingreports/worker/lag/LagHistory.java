package io.github.spellingreports.worker.lag;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The group's recent samples, oldest first, for the console's chart: a bounded buffer in memory,
 * so a restart starts it afresh (Prometheus keeps the long history). Filled on the sampling
 * thread, read by web requests.
 */
public class LagHistory {

    /** What the console shows: the last hour. */
    public static final Duration SPAN = Duration.ofHours(1);

    /** Never fewer entries than this, so a shorter interval does not cut the hour. */
    static final int MIN_CAPACITY = 240;

    /** Never more: a very short interval must not grow the heap without bound. */
    static final int MAX_CAPACITY = 20_000;

    private final int capacity;

    private final Deque<LagPoint> points;

    LagHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.points = new ArrayDeque<>(capacity);
    }

    /** @return a history holding at least {@link #SPAN} of samples taken every {@code interval} */
    static LagHistory covering(Duration interval) {
        long perSpan = SPAN.toMillis() / Math.max(1, interval.toMillis()) + 2;
        return new LagHistory((int) Math.min(MAX_CAPACITY, Math.max(MIN_CAPACITY, perSpan)));
    }

    /** Adds a sample; the oldest one goes when the buffer is full. */
    public synchronized void add(LagPoint point) {
        if (this.points.size() == this.capacity) {
            this.points.removeFirst();
        }
        this.points.addLast(point);
    }

    void add(LagReport report) {
        add(LagPoint.of(report));
    }

    /** @return the samples held, oldest first */
    public synchronized List<LagPoint> points() {
        return List.copyOf(this.points);
    }

    int capacity() {
        return this.capacity;
    }

}
