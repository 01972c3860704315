package io.github.spellingreports.worker.config;

import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.SimpleTriggerContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ScheduledJobsTests {

    private final Logger log = (Logger) LoggerFactory.getLogger(ScheduledJobsTests.class);

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void recordLog() {
        this.logged.start();
        this.log.detachAndStopAllAppenders();
        this.log.addAppender(this.logged);
    }

    @Test
    void cronIsReadInTheGivenZone() {
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();

        ScheduledJobs.addCron(registrar, "0 30 3 * * *", ZoneId.of("Europe/Berlin"), this.log, "Job failed", () -> {
        });

        CronTask task = registrar.getCronTaskList().get(0);
        Instant lastRun = Instant.parse("2026-11-23T12:00:00Z");
        SimpleTriggerContext context = new SimpleTriggerContext(lastRun, lastRun, lastRun);
        assertThat(task.getTrigger().nextExecution(context)).isEqualTo(Instant.parse("2026-11-24T02:30:00Z"));
    }

    @Test
    void failedCronRunIsLoggedWithItsExceptionNotThrown() {
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
        ScheduledJobs.addCron(registrar, "0 30 3 * * *", ZoneId.of("UTC"), this.log, "Job failed", () -> {
            throw new IllegalStateException("database down");
        });

        assertThatNoException().isThrownBy(() -> registrar.getCronTaskList().get(0).getRunnable().run());

        assertThat(this.logged.list).singleElement().satisfies((event) -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).isEqualTo("Job failed");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("database down");
        });
    }

    @Test
    void failureMessageIsFormattedWithItsArguments() {
        ScheduledJobs.run(this.log, () -> {
            throw new IllegalStateException("smtp down");
        }, "Scheduled digest for {} failed", Instant.parse("2026-11-24T07:00:00Z"));

        assertThat(this.logged.list).singleElement().satisfies((event) -> {
            assertThat(event.getFormattedMessage()).isEqualTo("Scheduled digest for 2026-11-24T07:00:00Z failed");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("smtp down");
        });
    }

    @Test
    void successfulRunLogsNothing() {
        AtomicBoolean ran = new AtomicBoolean();

        ScheduledJobs.run(this.log, () -> ran.set(true), "Job failed");

        assertThat(ran).isTrue();
        assertThat(this.logged.list).isEmpty();
    }

}
