package io.github.spellingreports.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HalfRateTests {

    @Test
    void halfRateIsHalfOfTheBetterOfTheIntakesTwoRuns() {
        Bench.WrkResult first = new Bench.WrkResult(80_000, 0, 10, 8_000);
        Bench.WrkResult second = new Bench.WrkResult(100_000, 0, 10, 10_000);

        assertThat(Bench.halfRate(first, second)).isEqualTo(5_000);
        assertThat(Bench.halfRate(second, first)).isEqualTo(5_000);
    }

    @Test
    void halfRateCountsAcceptedRequestsOnly() {
        Bench.WrkResult half = new Bench.WrkResult(100_000, 50_000, 10, 10_000);

        assertThat(Bench.halfRate(half, half)).isEqualTo(2_500);
    }

}
