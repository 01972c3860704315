package io.github.spellingreports.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The internal side: consumes reports into the moderation queue, mails the digest, serves the
 * console and the ops endpoints.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WorkerApplication {

    /** Configuration file base name, {@code worker.yml}: intake and worker can share one classpath. */
    public static final String CONFIG_NAME = "worker";

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * @return a builder for this application with its configuration name set
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(WorkerApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

}
