package io.github.spellingreports.worker.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The status rules over a sliding window of samples per partition, in the spirit of Burrow.
 * <p>
 * The Admin API tells the committed offset but not when it was committed, so "no commit" here
 * means "the committed offset did not move" (a consumer in batch ack mode re-commits the same
 * offset while it is stuck, which Kafka would not show us anyway):
 * <ul>
 * <li>lag at most {@code tolerance}: OK;</li>
 * <li>no member, and the offset unmoved across a full window or for longer than the window spans: STOP;</li>
 * <li>members, and the offset unmoved across a full window: STALL;</li>
 * <li>the offset moved, but the lag never shrank across a full window and ends higher: WARN;</li>
 * <li>otherwise OK.</li>
 * </ul>
 * A sample taken on request ({@link #fresh}) is judged against the window but joins it only when no
 * samples are taken on a schedule and at least {@code interval} passed since the last sample that did:
 * otherwise frequent requests would shrink the window from interval x window to seconds, and one slow
 * poll would read as STALL.
 * Not thread-safe: one sampler feeds it.
 */
class LagWindows {

    private final LagProperties properties;

    private final Map<Integer, Deque<Sample>> windows = new HashMap<>();

    private final Map<Integer, Moved> lastMoves = new HashMap<>();

    private final Map<Integer, Waiting> waiting = new HashMap<>();

    private Instant lastAdded;

    LagWindows(LagProperties properties) {
        this.properties = properties;
    }

    /**
     * Adds a scheduled sample and judges it.
     * @param offsets what the broker said
     * @param now when it said so
     * @return the report with a status per partition and for the group
     */
    LagReport add(String group, String topic, BrokerOffsets offsets, Instant now) {
        return report(group, topic, offsets, now, true);
    }

    /**
     * Judges a sample taken on request. While samples are taken on a schedule it never joins the window
     * (a request just before each scheduled sample would otherwise add two an interval); without one, it
     * joins only if {@code interval} passed since the last one added.
     * @return the report with a status per partition and for the group
     */
    LagReport fresh(String group, String topic, BrokerOffsets offsets, Instant now) {
        boolean due = !this.properties.enabled()
                && (this.lastAdded == null || !now.isBefore(this.lastAdded.plus(this.properties.interval())));
        return report(group, topic, offsets, now, due);
    }

    private LagReport report(String group, String topic, BrokerOffsets offsets, Instant now, boolean intoWindow) {
        if (intoWindow) {
            this.lastAdded = now;
        }
        List<PartitionLag> partitions = new ArrayList<>();
        LagStatus worst = LagStatus.OK;
        long total = 0;
        double oldest = 0;
        for (BrokerOffsets.Partition partition : offsets.partitions()) {
            Sample sample = new Sample(now, partition.position(), partition.lag());
            LagStatus status = judge(partition.partition(), sample, offsets.members(), now, intoWindow);
            Waiting waits = waiting(partition, now);
            Double seconds = seconds(waits, now);
            partitions.add(new PartitionLag(partition.partition(), partition.end(), partition.committed(),
                    partition.lag(), seconds, status));
            worst = worst.worst(status);
            total += partition.lag();
            // an age not read is not 0: the records have waited at least since they were first seen at this offset
            oldest = Math.max(oldest, (seconds != null) ? seconds : waits.secondsSince(now));
        }
        return new LagReport(group, topic, offsets.groupState(), offsets.members(), worst, now, total, oldest,
                offsets.deadLetters(), List.copyOf(partitions));
    }

    private LagStatus judge(int partition, Sample sample, int members, Instant now, boolean intoWindow) {
        Deque<Sample> kept = this.windows.computeIfAbsent(partition, (key) -> new ArrayDeque<>());
        Deque<Sample> window = intoWindow ? kept : new ArrayDeque<>(kept);
        window.addLast(sample);
        while (window.size() > this.properties.window()) {
            window.removeFirst();
        }
        Moved moved = this.lastMoves.get(partition);
        if (moved == null || moved.offset() != sample.position()) {
            moved = new Moved(sample.position(), now);
            this.lastMoves.put(partition, moved);
        }
        if (sample.lag() <= this.properties.tolerance()) {
            return LagStatus.OK;
        }
        boolean full = window.size() >= this.properties.window();
        boolean unmoved = full && window.peekFirst().position() == sample.position();
        boolean unmovedTooLong = Duration.between(moved.since(), now).compareTo(this.properties.windowSpan()) > 0;
        if (members == 0 && (unmoved || unmovedTooLong)) {
            return LagStatus.STOP;
        }
        if (members > 0 && unmoved) {
            return LagStatus.STALL;
        }
        if (full && lagNeverShrank(window) && sample.lag() > window.peekFirst().lag()) {
            return LagStatus.WARN;
        }
        return LagStatus.OK;
    }

    private static boolean lagNeverShrank(Deque<Sample> window) {
        Iterator<Sample> samples = window.iterator();
        long previous = samples.next().lag();
        while (samples.hasNext()) {
            long lag = samples.next().lag();
            if (lag < previous) {
                return false;
            }
            previous = lag;
        }
        return true;
    }

    /** @return since when records wait at the partition's position, with the timestamp last read there */
    private Waiting waiting(BrokerOffsets.Partition partition, Instant now) {
        if (partition.lag() == 0) {
            this.waiting.remove(partition.partition());
            return null;
        }
        Waiting previous = this.waiting.get(partition.partition());
        Long timestamp = partition.oldestUnconsumedTimestamp();
        Waiting waits;
        if (previous == null || previous.position() != partition.position()) {
            waits = new Waiting(partition.position(), now, timestamp);
        }
        else {
            waits = new Waiting(previous.position(), previous.since(), (timestamp != null) ? timestamp : previous.timestamp());
        }
        this.waiting.put(partition.partition(), waits);
        return waits;
    }

    /** A record not read this time is the one read before at the same offset, if one was. */
    private static Double seconds(Waiting waits, Instant now) {
        if (waits == null) {
            return 0.0;
        }
        if (waits.timestamp() == null) {
            return null;
        }
        return Math.max(0, (now.toEpochMilli() - waits.timestamp()) / 1000.0);
    }

    private record Sample(Instant at, long position, long lag) {
    }

    private record Moved(long offset, Instant since) {
    }

    /** Records wait at {@code position} since {@code since}; the one there has {@code timestamp}, if read. */
    private record Waiting(long position, Instant since, Long timestamp) {

        double secondsSince(Instant now) {
            return Duration.between(this.since, now).toMillis() / 1000.0;
        }

    }

}
