package io.github.spellingreports.worker.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.spellingreports.worker.config.RegisteredTasks;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.config.OneTimeTask;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.scheduling.support.SimpleTriggerContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class DigestSchedulingTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void runReadsTheTimeItWasScheduledForNotWhenItRuns() {
        DigestScheduling.FireTimeTrigger trigger = new DigestScheduling.FireTimeTrigger(
                new CronTrigger("0 0 8 * * *", BERLIN));
        Instant previousRunEnded = Instant.parse("2026-11-23T07:00:03Z");
        SimpleTriggerContext context = new SimpleTriggerContext(Instant.parse("2026-11-23T07:00:00Z"), previousRunEnded,
                previousRunEnded);

        Instant next = trigger.nextExecution(context);

        assertThat(next).isEqualTo(Instant.parse("2026-11-24T07:00:00Z"));
        assertThat(trigger.scheduledFor()).isEqualTo(next);
    }

    @Test
    void latestSlotIsTheLastFireAtOrBeforeNowInTheCronsZone() {
        String daily = "0 0 8 * * *";
        assertThat(DigestScheduling.latestSlot(daily, BERLIN, Instant.parse("2026-11-24T07:30:00Z")))
                .contains(Instant.parse("2026-11-24T07:00:00Z"));
        assertThat(DigestScheduling.latestSlot(daily, BERLIN, Instant.parse("2026-11-24T07:00:00Z")))
                .as("at the very time").contains(Instant.parse("2026-11-24T07:00:00Z"));
        assertThat(DigestScheduling.latestSlot(daily, BERLIN, Instant.parse("2026-11-24T06:59:59Z")))
                .as("just before today's").contains(Instant.parse("2026-11-23T07:00:00Z"));
        assertThat(DigestScheduling.latestSlot(daily, BERLIN, Instant.parse("2026-03-29T12:00:00Z")))
                .as("summer time began that night").contains(Instant.parse("2026-03-29T06:00:00Z"));
        assertThat(DigestScheduling.latestSlot("0 30 6 * * MON", ZoneId.of("UTC"), Instant.parse("2026-12-06T20:00:00Z")))
                .as("weekly, on Sunday").contains(Instant.parse("2026-11-30T06:30:00Z"));
        assertThat(DigestScheduling.latestSlot("30 * * * * *", ZoneId.of("UTC"), Instant.parse("2026-12-04T10:15:45Z")))
                .as("seconds are dropped, as the scheduled run's slot drops them")
                .contains(Instant.parse("2026-12-04T10:15:00Z"));
        assertThat(DigestScheduling.latestSlot("0 0 8 29 2 *", ZoneId.of("UTC"), Instant.parse("2026-12-04T10:00:00Z")))
                .as("last fired on 2024-02-29, more than a year ago").isEmpty();
    }

    @Test
    void catchUpAsksForTheLatestSlot() {
        DigestService service = mock(DigestService.class);
        DigestScheduling scheduling = new DigestScheduling(service, mock(DigestSender.class), properties(true));

        scheduling.catchUp(Instant.parse("2026-11-24T09:12:00Z"));

        verify(service).catchUp(Instant.parse("2026-11-24T07:00:00Z"));
    }

    @Test
    void aStartingWorkerCatchesUpAMinuteAfterItsStartOnlyWhileDigestsAreScheduled() {
        assertThat(oneTimeTaskDelays(properties(true))).containsExactly(Duration.ofMinutes(1));
        assertThat(oneTimeTaskDelays(properties(false))).isEmpty();
    }

    @Test
    void aFailedCatchUpIsLoggedNotThrown() {
        DigestService service = mock(DigestService.class);
        when(service.catchUp(any())).thenThrow(new IllegalStateException("database away"));
        DigestScheduling scheduling = new DigestScheduling(service, mock(DigestSender.class), properties(true));

        Logger log = (Logger) LoggerFactory.getLogger(DigestScheduling.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try {
            scheduling.catchUp(Instant.parse("2026-11-24T09:12:00Z"));
        }
        finally {
            log.detachAppender(logged);
        }

        verify(service).catchUp(Instant.parse("2026-11-24T07:00:00Z"));
        assertThat(logged.list).singleElement().satisfies((event) -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage())
                    .isEqualTo("Catching up the digest scheduled for 2026-11-24T07:00:00Z failed");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("database away");
        });
    }

    private static List<Duration> oneTimeTaskDelays(DigestProperties properties) {
        return RegisteredTasks.of(new DigestScheduling(mock(DigestService.class), mock(DigestSender.class), properties))
                .stream().filter(OneTimeTask.class::isInstance).map(OneTimeTask.class::cast)
                .map(OneTimeTask::getInitialDelayDuration).toList();
    }

    private static DigestProperties properties(boolean enabled) {
        return TestDigestProperties.scheduled(enabled, "0 0 8 * * *", BERLIN);
    }

}
