package io.github.spellingreports.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class E2eLatencyTests {

    static double[] millis(int count) {
        double[] seconds = new double[count];
        for (int i = 0; i < count; i++) {
            seconds[i] = (count - i) / 1000.0;
        }
        return seconds;
    }

    @Test
    void reportsNotStoredCountAsMissingNotAsFast() {
        // 100 accepted, 2 not stored within the wait: the p99 is among those, unknown
        double[] stored = millis(98);

        assertThat(E2eLatency.percentile(stored, 100, 0.99)).isInfinite();
        assertThat(E2eLatency.percentile(stored, 100, 0.5)).isEqualTo(0.050);
    }

    @Test
    void withEveryReportStoredThePercentilesAreTheirs() {
        double[] stored = millis(100);

        assertThat(E2eLatency.percentile(stored, 100, 0.99)).isEqualTo(0.099);
        assertThat(E2eLatency.percentile(stored, 100, 0.5)).isEqualTo(0.050);
    }

}
