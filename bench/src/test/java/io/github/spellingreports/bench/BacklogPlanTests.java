package io.github.spellingreports.bench;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BacklogPlanTests {

    @Test
    void theIssuesBacklogHasAReportForEachOfItsHundredThousandErrors() {
        int[] plan = Bench.Backlog.plan(1_000_000, 100_000, 42);

        assertThat(plan).hasSize(1_000_000);
        assertThat(Arrays.stream(plan).distinct().count()).isEqualTo(100_000);
        assertThat(Arrays.stream(plan).min().getAsInt()).isZero();
        assertThat(Arrays.stream(plan).max().getAsInt()).isEqualTo(99_999);
    }

    @Test
    void popularityStaysZipfLikeBeyondTheFirstReportOfEachError() {
        int[] counts = Bench.Backlog.countsOf(Bench.Backlog.plan(1_000_000, 100_000, 42), 100_000);

        assertThat(Arrays.stream(counts).min().getAsInt()).isOne();
        // rank 1 has about 1/H(100k) ~ 8% of the 900k drawn by Zipf, rank 10 a tenth of that
        assertThat(counts[0]).isBetween(70_000, 80_000);
        assertThat(counts[9]).isBetween(7_000, 8_500);
    }

    /** A worker back from a weekend meets new errors throughout its backlog, not all in its first polls. */
    @Test
    void newErrorsComeThroughoutTheBacklog() {
        int[] plan = Bench.Backlog.plan(1_000_000, 100_000, 42);

        assertThat(Arrays.stream(plan, 0, 100_000).distinct().count()).as("errors among the first tenth of the reports")
                .isLessThan(50_000);
        assertThat(Arrays.stream(plan, 900_000, 1_000_000).distinct().count()).as("among the last tenth")
                .isLessThan(50_000);
    }

    @Test
    void aBacklogSmallerThanItsErrorsHasDistinctErrorsOnly() {
        int[] plan = Bench.Backlog.plan(10, 100, 42);

        assertThat(Arrays.stream(plan).distinct().count()).isEqualTo(10);
    }

}
