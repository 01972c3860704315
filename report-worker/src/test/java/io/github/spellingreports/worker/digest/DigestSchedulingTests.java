package io.github.spellingreports.worker.digest;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import org.springframework.scheduling.support.CronTrigger;
import org.springframework.scheduling.support.SimpleTriggerContext;

import static org.assertj.core.api.Assertions.assertThat;

class DigestSchedulingTests {

    @Test
    void runReadsTheTimeItWasScheduledForNotWhenItRuns() {
        DigestScheduling.FireTimeTrigger trigger = new DigestScheduling.FireTimeTrigger(
                new CronTrigger("0 0 8 * * *", ZoneId.of("Europe/Berlin")));
        Instant previousRunEnded = Instant.parse("2026-11-23T07:00:03Z");
        SimpleTriggerContext context = new SimpleTriggerContext(Instant.parse("2026-11-23T07:00:00Z"), previousRunEnded,
                previousRunEnded);

        Instant next = trigger.nextExecution(context);

        assertThat(next).isEqualTo(Instant.parse("2026-11-24T07:00:00Z"));
        assertThat(trigger.scheduledFor()).isEqualTo(next);
    }

}
