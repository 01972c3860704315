package io.github.spellingreports.worker.retention;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.spellingreports.worker.config.RegisteredTasks;
import io.github.spellingreports.worker.digest.DigestProperties;
import io.github.spellingreports.worker.digest.TestDigestProperties;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.OneTimeTask;
import org.springframework.scheduling.config.Task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class RetentionSchedulingTests {

    private final RetentionJob job = mock(RetentionJob.class);

    @Test
    void runsOnItsCronAndTwoMinutesAfterEveryStart() {
        List<Task> tasks = scheduledTasks(true);

        assertThat(tasks).filteredOn(CronTask.class::isInstance).map(CronTask.class::cast)
                .singleElement().satisfies((task) -> assertThat(task.getExpression()).isEqualTo("0 30 3 * * *"));
        assertThat(tasks).filteredOn(OneTimeTask.class::isInstance).map(OneTimeTask.class::cast)
                .singleElement().satisfies((task) -> assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofMinutes(2)));
    }

    @Test
    void theRunAfterStartPurgesAndOnlyLogsAFailure() {
        OneTimeTask afterStart = scheduledTasks(true).stream().filter(OneTimeTask.class::isInstance)
                .map(OneTimeTask.class::cast).findFirst().orElseThrow();
        when(this.job.purge()).thenReturn(null).thenThrow(new IllegalStateException("database away"));

        Logger log = (Logger) LoggerFactory.getLogger(RetentionScheduling.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try {
            afterStart.getRunnable().run();
            assertThatNoException().isThrownBy(() -> afterStart.getRunnable().run());
        }
        finally {
            log.detachAppender(logged);
        }

        verify(this.job, times(2)).purge();
        assertThat(logged.list).filteredOn((event) -> event.getLevel() == Level.ERROR).singleElement().satisfies((event) -> {
            assertThat(event.getFormattedMessage()).isEqualTo("Retention job after start failed");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("database away");
        });
    }

    @Test
    void nothingRunsWhenDisabled() {
        assertThat(scheduledTasks(false)).isEmpty();
    }

    private List<Task> scheduledTasks(boolean enabled) {
        RetentionProperties retention = new RetentionProperties(enabled, "0 30 3 * * *", Duration.ofDays(90),
                Duration.ofDays(30), Duration.ofDays(365), Duration.ofDays(90), 1000);
        DigestProperties digest = TestDigestProperties.scheduled(true, "0 0 8 * * *", ZoneId.of("UTC"));
        return RegisteredTasks.of(new RetentionScheduling(this.job, retention, digest));
    }

}
