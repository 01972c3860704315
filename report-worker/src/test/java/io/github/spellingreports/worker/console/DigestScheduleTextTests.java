package io.github.spellingreports.worker.console;

import java.time.Instant;
import java.time.ZoneId;

import io.github.spellingreports.worker.digest.DigestProperties;
import io.github.spellingreports.worker.digest.TestDigestProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the digest archive says about the next scheduled digest. */
class DigestScheduleTextTests {

    @Test
    void namesTheNextTimeInTheCronsZone() {
        DigestProperties berlin = properties(true, "0 0 8 * * *", "Europe/Berlin");

        assertThat(DigestArchiveController.nextScheduled(berlin, Instant.parse("2026-12-04T06:59:00Z")))
                .contains("Friday 4 December 2026, 08:00 (Europe/Berlin)");
        assertThat(DigestArchiveController.nextScheduled(berlin, Instant.parse("2026-12-04T07:00:00Z")))
                .as("at the very time: the next one").contains("Saturday 5 December 2026, 08:00 (Europe/Berlin)");
        assertThat(DigestArchiveController.nextScheduled(properties(true, "0 30 6 * * MON-FRI", "UTC"),
                Instant.parse("2026-12-05T12:00:00Z"))).as("weekdays only, on a Saturday")
                .contains("Monday 7 December 2026, 06:30 (UTC)");
    }

    @Test
    void nothingWhileScheduledDigestsAreOff() {
        assertThat(DigestArchiveController.nextScheduled(properties(false, "0 0 8 * * *", "UTC"), Instant.now())).isEmpty();
    }

    private static DigestProperties properties(boolean enabled, String cron, String zone) {
        return TestDigestProperties.scheduled(enabled, cron, ZoneId.of(zone));
    }

}
