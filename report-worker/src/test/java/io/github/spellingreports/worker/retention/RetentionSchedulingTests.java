package io.github.spellingreports.worker.retention;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.github.spellingreports.worker.digest.DigestProperties;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.OneTimeTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
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

        afterStart.getRunnable().run();
        assertThatNoException().isThrownBy(() -> afterStart.getRunnable().run());

        verify(this.job, times(2)).purge();
    }

    @Test
    void nothingRunsWhenDisabled() {
        assertThat(scheduledTasks(false)).isEmpty();
    }

    private List<Task> scheduledTasks(boolean enabled) {
        RetentionProperties retention = new RetentionProperties(enabled, "0 30 3 * * *", Duration.ofDays(90),
                Duration.ofDays(30), Duration.ofDays(365), Duration.ofDays(90), 1000);
        DigestProperties digest = new DigestProperties(true, "0 0 8 * * *", ZoneId.of("UTC"), List.of("desk@example.com"),
                "reports@example.com", "Spelling reports", false, URI.create("http://localhost:8081"), Duration.ofSeconds(30),
                Duration.ofMinutes(30), Duration.ofSeconds(30), Duration.ofMinutes(5), List.of());
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.initialize();
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
        registrar.setTaskScheduler(scheduler);
        try {
            new RetentionScheduling(this.job, retention, digest).configureTasks(registrar);
            registrar.afterPropertiesSet();
            return registrar.getScheduledTasks().stream().map(ScheduledTask::getTask).toList();
        }
        finally {
            registrar.destroy();
            scheduler.shutdown();
        }
    }

}
