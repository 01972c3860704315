package io.github.spellingreports.worker.config;

import java.util.List;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.config.Task;

/** What a {@link SchedulingConfigurer} registers, scheduled as Spring would and cancelled again before any runs. */
public final class RegisteredTasks {

    private RegisteredTasks() {
    }

    /**
     * @param configurer the configuration under test
     * @return its tasks (cron, one-time, fixed-delay ...), none of them run
     */
    public static List<Task> of(SchedulingConfigurer configurer) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.initialize();
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
        registrar.setTaskScheduler(scheduler);
        try {
            configurer.configureTasks(registrar);
            registrar.afterPropertiesSet();
            return registrar.getScheduledTasks().stream().map(ScheduledTask::getTask).toList();
        }
        finally {
            registrar.destroy();
            scheduler.shutdown();
        }
    }

}
