package io.github.spellingreports.worker.alerts;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A window's end goes to PostgreSQL in whole microseconds, rounded as pgjdbc rounds the reports'
 * receipt times it stores, so the report received at that very end stays inside the window.
 */
class HotAlertRepositoryTests {

    @Test
    void aWindowsEndIsRoundedToMicrosecondsAsReportTimesAreStored() {
        assertThat(HotAlertRepository.inMicros(Instant.parse("2026-12-04T21:50:13.123456499Z")))
                .isEqualTo(Instant.parse("2026-12-04T21:50:13.123456Z"));
        assertThat(HotAlertRepository.inMicros(Instant.parse("2026-12-04T21:50:13.123456500Z")))
                .isEqualTo(Instant.parse("2026-12-04T21:50:13.123457Z"));
        assertThat(HotAlertRepository.inMicros(Instant.parse("2026-12-04T21:50:13.999999500Z")))
                .isEqualTo(Instant.parse("2026-12-04T21:50:14Z"));
        assertThat(HotAlertRepository.inMicros(Instant.parse("2026-12-04T21:50:13Z")))
                .isEqualTo(Instant.parse("2026-12-04T21:50:13Z"));
    }

}
