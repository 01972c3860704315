package io.github.spellingreports.worker.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LagWindowsTests {

    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    private final LagProperties properties = new LagProperties(true, Duration.ofSeconds(15), 3, 0, "", Duration.ofSeconds(5));

    private final LagWindows windows = new LagWindows(this.properties);

    private int step;

    private LagStatus sample(int members, long committed, long end) {
        Instant now = START.plus(this.properties.interval().multipliedBy(this.step++));
        BrokerOffsets offsets = new BrokerOffsets("STABLE", members,
                List.of(new BrokerOffsets.Partition(0, 0, end, committed, now.minusSeconds(30).toEpochMilli())), List.of());
        LagReport report = this.windows.add("g", "t", offsets, now);
        assertThat(report.status()).isEqualTo(report.partitions().get(0).status());
        return report.status();
    }

    @Test
    void caughtUpIsOkWhateverElse() {
        assertThat(sample(0, 5, 5)).isEqualTo(LagStatus.OK);
        assertThat(sample(0, 5, 5)).isEqualTo(LagStatus.OK);
        assertThat(sample(0, 5, 5)).isEqualTo(LagStatus.OK);
        assertThat(sample(0, 5, 5)).isEqualTo(LagStatus.OK);
    }

    @Test
    void lagGrowingWhileCommitsMoveWarnsOnceTheWindowIsFull() {
        assertThat(sample(1, 1, 3)).isEqualTo(LagStatus.OK);
        assertThat(sample(1, 2, 6)).isEqualTo(LagStatus.OK);
        assertThat(sample(1, 3, 9)).isEqualTo(LagStatus.WARN);
        // the consumer catches up a little: the lag shrank inside the window
        assertThat(sample(1, 8, 10)).isEqualTo(LagStatus.OK);
    }

    @Test
    void membersWithAnUnmovedOffsetStallOnceTheWindowIsFull() {
        assertThat(sample(1, 4, 6)).isEqualTo(LagStatus.OK);
        assertThat(sample(1, 4, 6)).isEqualTo(LagStatus.OK);
        assertThat(sample(1, 4, 7)).isEqualTo(LagStatus.STALL);
        assertThat(sample(1, 5, 7)).isEqualTo(LagStatus.OK);
    }

    @Test
    void noMembersAndWaitingRecordsStop() {
        assertThat(sample(0, 4, 6)).isEqualTo(LagStatus.OK);
        assertThat(sample(0, 4, 6)).isEqualTo(LagStatus.OK);
        assertThat(sample(0, 4, 6)).isEqualTo(LagStatus.STOP);
    }

    @Test
    void noCommitForLongerThanTheWindowStopsEvenBeforeItIsFull() {
        BrokerOffsets offsets = new BrokerOffsets("EMPTY", 0, List.of(new BrokerOffsets.Partition(0, 0, 6, 4L, null)), List.of());
        assertThat(this.windows.add("g", "t", offsets, START).status()).isEqualTo(LagStatus.OK);
        LagReport later = this.windows.add("g", "t", offsets, START.plus(Duration.ofSeconds(46)));
        assertThat(later.status()).isEqualTo(LagStatus.STOP);
        assertThat(later.partitions().get(0).lagSeconds()).as("unknown when the record was not read").isNull();
    }

    @Test
    void lagSecondsIsTheAgeOfTheOldestUnconsumedRecordAndZeroWhenCaughtUp() {
        BrokerOffsets offsets = new BrokerOffsets("STABLE", 1, List.of(
                new BrokerOffsets.Partition(0, 0, 6, 4L, START.minusMillis(2500).toEpochMilli()),
                new BrokerOffsets.Partition(1, 0, 6, 6L, null),
                new BrokerOffsets.Partition(2, 3, 9, null, START.minusSeconds(7).toEpochMilli())), List.of(new BrokerOffsets.Span(0, 10, 14)));
        LagReport report = this.windows.add("g", "t", offsets, START);
        assertThat(report.partitions()).extracting(PartitionLag::lag).containsExactly(2L, 0L, 6L);
        assertThat(report.partitions()).extracting(PartitionLag::lagSeconds).containsExactly(2.5, 0.0, 7.0);
        assertThat(report.totalLag()).isEqualTo(8);
        assertThat(report.maxLagSeconds()).isEqualTo(7.0);
        assertThat(report.deadLetters()).isEqualTo(4);
    }

    /** A lagging partition whose record could not be read made the group's oldest 0 s: green, and no alert. */
    @Test
    void unreadableAgeKeepsTheRecordLastReadAtTheSameOffset() {
        BrokerOffsets read = new BrokerOffsets("STABLE", 1, List.of(
                new BrokerOffsets.Partition(0, 0, 6, 4L, START.minusSeconds(700).toEpochMilli())), List.of());
        assertThat(this.windows.add("g", "t", read, START).maxLagSeconds()).isEqualTo(700.0);
        BrokerOffsets unread = new BrokerOffsets("STABLE", 1, List.of(new BrokerOffsets.Partition(0, 0, 6, 4L, null)),
                List.of());
        LagReport later = this.windows.add("g", "t", unread, START.plusSeconds(15));
        assertThat(later.partitions().get(0).lagSeconds()).isEqualTo(715.0);
        assertThat(later.maxLagSeconds()).isEqualTo(715.0);
    }

    /** Never read at this offset: the group counts at least the time its records have waited there. */
    @Test
    void unreadableAgeCountsAtLeastTheTimeTheRecordsWaited() {
        BrokerOffsets unread = new BrokerOffsets("STABLE", 1, List.of(
                new BrokerOffsets.Partition(0, 0, 6, 4L, null),
                new BrokerOffsets.Partition(1, 0, 6, 6L, null)), List.of());
        this.windows.add("g", "t", unread, START);
        LagReport later = this.windows.add("g", "t", unread, START.plusSeconds(600));
        assertThat(later.partitions().get(0).lagSeconds()).as("not read: unknown").isNull();
        assertThat(later.maxLagSeconds()).isEqualTo(600.0);
    }

    /**
     * ?fresh=true polled often (or a page of another site that loads it as an image with an admin's remembered
     * login) filled the window in seconds instead of interval x window, and one long poll read as STALL.
     */
    @Test
    void freshSamplesWithoutTheClockMovingDoNotFillTheWindow() {
        BrokerOffsets offsets = new BrokerOffsets("STABLE", 1, List.of(new BrokerOffsets.Partition(0, 0, 6, 4L, null)),
                List.of());
        this.windows.add("g", "t", offsets, START);
        for (int fresh = 0; fresh < 20; fresh++) {
            assertThat(this.windows.fresh("g", "t", offsets, START.plusSeconds(fresh / 2)).status()).isEqualTo(LagStatus.OK);
        }
        // without scheduled sampling (spelling.worker.lag.enabled=false) the samples on request are the window's:
        // one an interval after the last one added counts
        LagWindows onRequestOnly = new LagWindows(new LagProperties(false, Duration.ofSeconds(15), 3, 0, "",
                Duration.ofSeconds(5)));
        onRequestOnly.fresh("g", "t", offsets, START);
        for (int fresh = 0; fresh < 20; fresh++) {
            assertThat(onRequestOnly.fresh("g", "t", offsets, START.plusSeconds(fresh / 2)).status()).isEqualTo(LagStatus.OK);
        }
        assertThat(onRequestOnly.fresh("g", "t", offsets, START.plus(this.properties.interval())).status())
                .isEqualTo(LagStatus.OK);
        assertThat(onRequestOnly.fresh("g", "t", offsets, START.plus(this.properties.interval().multipliedBy(2))).status())
                .isEqualTo(LagStatus.STALL);
    }

    /**
     * A script asking for a fresh sample every interval, just before each scheduled one: with both joining
     * the window it would span half its time, and a poll half as long as the window's span read as STALL.
     */
    @Test
    void freshSamplesBesideTheScheduleDoNotShortenTheWindow() {
        BrokerOffsets offsets = new BrokerOffsets("STABLE", 1, List.of(new BrokerOffsets.Partition(0, 0, 6, 4L, null)),
                List.of());
        Duration interval = this.properties.interval();
        assertThat(this.windows.add("g", "t", offsets, START).status()).isEqualTo(LagStatus.OK);
        assertThat(this.windows.fresh("g", "t", offsets, START.plus(interval)).status()).isEqualTo(LagStatus.OK);
        assertThat(this.windows.add("g", "t", offsets, START.plus(interval).plusMillis(100)).status())
                .as("two scheduled samples").isEqualTo(LagStatus.OK);
        assertThat(this.windows.fresh("g", "t", offsets, START.plus(interval.multipliedBy(2))).status())
                .as("judged with the window's two and itself").isEqualTo(LagStatus.STALL);
        assertThat(this.windows.add("g", "t", offsets, START.plus(interval.multipliedBy(2)).plusMillis(100)).status())
                .as("three scheduled samples: the window's span").isEqualTo(LagStatus.STALL);
    }

    @Test
    void toleratedLagCountsAsCaughtUp() {
        LagWindows tolerant = new LagWindows(new LagProperties(true, Duration.ofSeconds(15), 2, 5, "", Duration.ofSeconds(5)));
        BrokerOffsets offsets = new BrokerOffsets("EMPTY", 0, List.of(new BrokerOffsets.Partition(0, 0, 9, 4L, null)), List.of());
        tolerant.add("g", "t", offsets, START);
        assertThat(tolerant.add("g", "t", offsets, START.plusSeconds(60)).status()).isEqualTo(LagStatus.OK);
    }

}
