package io.github.spellingreports.bench;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultFileNameTests {

    @Test
    void aLaterRunOnTheSameDayWritesAFileOfItsOwn() {
        String morning = Bench.resultFileName(Instant.parse("2026-12-05T09:05:00Z"), "vm", true, "-check");
        String afternoon = Bench.resultFileName(Instant.parse("2026-12-05T13:40:00Z"), "vm", true, "-check");

        assertThat(morning).isEqualTo("2026-12-05-0905utc-vm-quick-check.md");
        assertThat(afternoon).isEqualTo("2026-12-05-1340utc-vm-quick-check.md");
    }

    @Test
    void theDateIsUtcsAsTheTime() {
        assertThat(Bench.resultFileName(Instant.parse("2026-12-05T23:59:00Z"), "vm", false, ""))
                .isEqualTo("2026-12-05-2359utc-vm.md");
    }

}
