package io.github.spellingreports.worker.lag;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LagHistoryTests {

    private static final Instant T0 = Instant.parse("2026-11-24T19:00:00Z");

    @Test
    void keepsTheNewestSamplesOldestFirstAndDropsTheOldestWhenFull() {
        LagHistory history = new LagHistory(3);
        for (int i = 0; i < 5; i++) {
            history.add(new LagPoint(T0.plusSeconds(15L * i), i, i * 1.5, LagStatus.OK));
        }
        assertThat(history.points()).extracting(LagPoint::totalLag).containsExactly(2L, 3L, 4L);
        assertThat(history.points()).extracting(LagPoint::at).isSorted();
    }

    @Test
    void pointsAreASnapshotThatLaterSamplesDoNotChange() {
        LagHistory history = new LagHistory(2);
        history.add(new LagPoint(T0, 1, 0, LagStatus.OK));
        var before = history.points();
        history.add(new LagPoint(T0.plusSeconds(15), 2, 0, LagStatus.WARN));
        assertThat(before).hasSize(1);
        assertThat(history.points()).hasSize(2);
    }

    @Test
    void capacityCoversAnHourAtTheSamplingInterval() {
        assertThat(LagHistory.covering(Duration.ofSeconds(15)).capacity()).isEqualTo(242);
        assertThat(LagHistory.covering(Duration.ofSeconds(5)).capacity()).isEqualTo(722);
        assertThat(LagHistory.covering(Duration.ofMinutes(5)).capacity()).isEqualTo(LagHistory.MIN_CAPACITY);
        assertThat(LagHistory.covering(Duration.ofMillis(10)).capacity()).isEqualTo(LagHistory.MAX_CAPACITY);
        // 241 samples 15 s apart span the hour; one more so the oldest edge is never short
        assertThat((LagHistory.covering(Duration.ofSeconds(15)).capacity() - 1) * 15).isGreaterThan(3600);
    }

    @Test
    void aReportBecomesAPoint() {
        LagHistory history = new LagHistory(1);
        history.add(new LagReport("g", "t", "STABLE", 1, LagStatus.STALL, T0, 7, 42.5, 0, java.util.List.of()));
        assertThat(history.points()).containsExactly(new LagPoint(T0, 7, 42.5, LagStatus.STALL));
    }

    @Test
    void refusesAnEmptyBuffer() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LagHistory(0));
    }

}
