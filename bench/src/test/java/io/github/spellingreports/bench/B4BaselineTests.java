package io.github.spellingreports.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class B4BaselineTests {

    @Test
    void b4IsComparedWithTheLargestB3SizeThatRan() {
        Bench.DrainStep small = step(100_000, 12_000);
        Bench.DrainStep middle = step(300_000, 16_000);
        Bench.DrainStep largest = step(1_000_000, 19_000);

        assertThat(Bench.b4Baseline(List.of(small, middle, largest))).isSameAs(largest);
    }

    @Test
    void withOneSizeB4IsComparedWithIt() {
        Bench.DrainStep only = step(100_000, 12_000);

        assertThat(Bench.b4Baseline(List.of(only))).isSameAs(only);
    }

    static Bench.DrainStep step(int reports, double perSecond) {
        Bench.Backlog backlog = Fixtures.backlog(reports, reports / 10);
        Bench.Drained drained = new Bench.Drained(perSecond, reports / perSecond, reports, true, null, 80, 0, reports);
        return new Bench.DrainStep(backlog, 10_000, 300_000, 40_000, drained);
    }

}
